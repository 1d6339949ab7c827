"""Reading and importing the seed content under `content/`. See docs/content-format.md."""
