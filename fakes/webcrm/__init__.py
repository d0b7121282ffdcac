"""webcrm."""
