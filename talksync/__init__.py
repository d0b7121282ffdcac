"""talksync: the reference sync engine modelling Sesam Talk (the system under test)."""
