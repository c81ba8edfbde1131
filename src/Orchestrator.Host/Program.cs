// Composition root of the control-plane host process; see docs/architecture.md.
return 0;
