"""The easy-read summaries a consultation and its outcome can carry, read by the publications
app's easy-read checker (cms/publications/checker.py), the same rules as an easy-read page.

A summary is a few sentences beside the full page, not a document of its own, so only the
sentence rules apply: it needs no pictures, and the page already says who it is from.
"""

from cms.publications import checker

from .models import ConsultationPage

SUMMARY = "Easy-read summary"
OUTCOME = "Easy-read outcome"


def easy_read_report(page: ConsultationPage) -> checker.Report:
    """What the checker finds in the page's easy-read summary and easy-read outcome."""
    texts = ((SUMMARY, page.easy_read_summary), (OUTCOME, page.easy_read_outcome))
    return checker.check(checker.TextPart(label, text) for label, text in texts if text.strip())


def findings_message(report: checker.Report) -> str:
    """The first few findings, for the message an editor sees after saving."""
    first = "; ".join(f"{finding.where}: {finding.message}" for finding in report.findings[:3])
    return (
        f"The easy-read check found {len(report.findings)} things to look at in the easy-read "
        f"summaries, also listed under “Checks” in the preview. The first: {first}"
    )
