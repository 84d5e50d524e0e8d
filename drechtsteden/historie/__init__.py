"""The audit log: the keyed chain over every history row (keten), its reads and its pages."""
