"""`mechverify report --html DIR`: a static site from a run record (no server, no network).

    write_site(registry, record, "site/")  # index.html, <paper>/index.html, claim pages, plots

Every asset the pages need (CSS, JS, SVG graphs and plots) is written into DIR, so the site
opens from a file and can be published as it is. See verify/html/site.py.
"""

from __future__ import annotations

from verify.html.site import write_site

__all__ = ["write_site"]
