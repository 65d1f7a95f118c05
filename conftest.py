"""Repository-wide pytest set-up (tests and the docstring examples in qlr/)."""

import matplotlib

# Figures render off-screen, identically on every machine.
matplotlib.use("Agg")
