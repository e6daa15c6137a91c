"""The computation core of the site: data in, figures and page blocks out.

Importing the package runs nothing. The MkDocs adapter is the module
`macros.mkdocs_adapter` (named by mkdocs.yml); the other modules never import
MkDocs, Jinja or Material, so that another generator needs only a new
adapter. README.md (« Organisation ») maps each module to its job.
"""
