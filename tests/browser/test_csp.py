"""Every page type loads under the Content-Security-Policy without a single violation.

The page types come from ``tests/browser/site_pages.py`` (extend that list for new pages). A violation
is caught twice over: the browser's ``securitypolicyviolation`` events and its console errors.
"""

import pytest

from tests.browser.site_pages import PAGE_TYPES
from tests.support.two_factor import browser_admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " at " + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


def test_no_page_type_violates_the_content_security_policy(
    desktop, live_server, demo_site, django_user_model, settings
):
    # Wagtail's userbar loads its scripts from WAGTAILADMIN_BASE_URL: the site's own origin in production.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    django_user_model.objects.create_superuser("cspadmin", "csp@example.cn", "pw-csp-admin-123")
    page = desktop
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.add_init_script(RECORD_VIOLATIONS)
    problems = {}
    signed_in = False
    for page_type in PAGE_TYPES:
        if page_type.admin and not signed_in:
            browser_admin_login(page, live_server.url, "cspadmin", "pw-csp-admin-123")
            signed_in = True
        console.clear()
        response = page.goto(live_server.url + page_type.path())
        assert response is not None and response.status < 500, f"{page_type.name}: {response and response.status}"
        assert "content-security-policy" in response.headers, f"{page_type.name}: no CSP header"
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspViolations") + [
            text for text in console if "Content Security Policy" in text
        ]
        if found:
            problems[page_type.name] = found
    assert not problems, "CSP violations:\n" + "\n".join(f"{name}: {found}" for name, found in problems.items())
