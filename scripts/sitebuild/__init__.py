"""Build helpers for the site: diagrams, glossary tooltips, MkDocs hooks, the build driver."""
