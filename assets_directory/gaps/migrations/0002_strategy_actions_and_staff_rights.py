"""The Response Strategy's named actions (seed facts, section 6), and VRU staff's rights to
record gaps and review ambassadors' proposals in the admin."""

from django.db import migrations

from cms.core.roles import VRU_STAFF, grant_permissions

ACTIONS = [
    ("T1-1", "Custody Prevention Project: mentors in the custody suites", "ETE", True),
    ("T1-2", "Targeted youth outreach in the city centre and Radford", "ETE", True),
    ("T1-3", "Non-statutory knife crime cohort in Integrated Offender Management", "ENF", True),
    ("T1-4", "Beyond Recovery in prison", "ENF", True),
    ("T1-5", "Parenting interventions, including ADHD, autism and conduct disorder", "DATA",
     True),
    ("T1-6", "Increasing resilience in children and young people", "TRAUMA", True),
    ("T2-1", "Data, intelligence and evidence steering group", "DATA", True),
    ("T2-2", "Injury surveillance data dashboard", "DATA", True),
    ("T2-3", "Contextual safeguarding network area", "TRAUMA", True),
    ("T2-4", "Social media and violence training", "DATA", True),
    ("T2-5", "Self-reflective youth work programme", "TRAUMA", True),
    ("T2-6", "Mentors in Violence Prevention bystander workshops", "ETE", True),
    ("T2-7", "Alcohol and cocaine use awareness", "DATA", True),
    ("T2-8", "Local evaluation with a research partner", "DATA", True),
    ("T2-9", "Qualitative research on ACEs, communities and exploitation of young women",
     "TRAUMA", True),
    ("T2-10", "SEND journey mapping", "DATA", True),
    ("T2-11", "Review of exclusions in the youth justice cohort", "DATA", True),
    ("T2-12", "Community Ambassadors", "COMM", True),
    ("T2-13", "Incubation Hub", "COMM", True),
    ("T2-14", "Joint Strategic Assets Assessment", "COMM", True),
    ("T3-1", "Improved signposting between directories", "COMM", False),
    ("T3-2", "Improve referrals into drug treatment services", "COMM", False),
    ("T3-3", "Standard mentoring models and training", "ETE", False),
    ("T3-4", "Evidence on assessing adverse childhood experiences", "TRAUMA", False),
    ("T3-6", "Improved access to mental health support for trauma, loss and bereavement",
     "TRAUMA", False),
    ("T3-15", "Reduce unknown post-16 destinations (NEET)", "DATA", False),
    ("T3-16", "Injury surveillance data capture in emergency departments", "DATA", False),
    ("T3-18", "Improve reporting of domestic and sexual violence", "DATA", False),
    ("T3-23", "Ending alcohol harm", "DATA", False),
    ("T3-24", "Medical trauma packs in communities", "COMM", False),
]


def seed(apps, schema_editor):
    StrategyAction = apps.get_model("gaps", "StrategyAction")
    for reference, title, priority, funded in ACTIONS:
        StrategyAction.objects.get_or_create(
            reference=reference,
            defaults={"title": title, "priority": priority, "funded": funded},
        )
    grant_permissions(
        apps,
        VRU_STAFF,
        [
            ("gaps", f"{verb}_{model}")
            for model in ("gap", "strategyaction")
            for verb in ("add", "change", "delete", "view")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("gaps", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
