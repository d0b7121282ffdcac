"""Step definitions: the suite's shared Gherkin vocabulary."""
