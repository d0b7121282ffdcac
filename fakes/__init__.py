"""In-memory fakes of the webCRM and Customerp REST APIs."""
