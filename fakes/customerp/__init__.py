"""customerp."""
