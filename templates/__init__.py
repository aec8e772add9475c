"""The packaged page templates (see README, "Generated pages"); this file makes the folder
the package `vaultnet.templates` so that the wheel ships them."""
