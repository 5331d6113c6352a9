"""Citation checks, the linter behind ``trialbib check``.

A rule is a module of :mod:`trialbib.checks.rules` with ``CODE``, ``NAME``, ``SEVERITY``,
``OPTIONS`` and a ``check(ctx, options)`` that yields problems; the engine
(:mod:`~trialbib.checks.engine`) loads the inputs, runs the selected rules, attaches code and
severity, applies configuration (:mod:`~trialbib.checks.config`) and inline suppressions, and
the reporters (:mod:`~trialbib.checks.reporters`) print the result in the format CI wants.
"""
