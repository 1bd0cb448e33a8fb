// Scaffolding: this module is being built (see the issue tracker); it has no public API yet.
