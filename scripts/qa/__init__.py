"""Build tooling for the TF ⇄ PyTorch Q&A site.

Three floors, arrows pointing down only: `model` (load and validate a question folder), then
`runner` (execute programs, record and compare outputs) and `render` (pages, navigation,
`questions.json`) side by side, then `cli` and the MkDocs `hooks` on top.
"""
