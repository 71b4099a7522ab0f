pytest_plugins = ["sammen.testing"]
