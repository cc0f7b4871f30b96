"""Conduct rules (gedragsregels): catalogue, proposal from findings, rule sets, exports.

Plain data in and out, no Streamlit: the HR pages, the CLI and the tests share it.
"""

from exposure.conduct.acknowledgements import (
    AcknowledgementStats,
    GroupRate,
    MemberStatus,
    acknowledgement_rates,
    effective_min_group_size,
)
from exposure.conduct.anonymise import anonymise, quote
from exposure.conduct.catalogue import (
    LANGS,
    Catalogue,
    CatalogueError,
    ConductRule,
    RuleText,
    default_catalogue,
    load_catalogue,
)
from exposure.conduct.diff import FieldChange, RuleChange, RuleSetDiff, diff
from exposure.conduct.export import (
    export_docx,
    export_markdown,
    export_pdf,
    export_proposal,
    export_ruleset,
)
from exposure.conduct.proposal import LabelStats, Proposal, ProposedRule, propose_rules
from exposure.conduct.ruleset import (
    RuleContent,
    RuleEntry,
    RuleSet,
    RuleSetError,
    accept,
    add_custom,
    add_from_catalogue,
    applicable_rule,
    draft_from_proposal,
    edit,
    move,
    new_draft,
    publish,
    reject,
    reorder,
    set_state,
)
from exposure.conduct.terms import CompanyTerms

__all__ = [
    "LANGS",
    "AcknowledgementStats",
    "Catalogue",
    "CatalogueError",
    "CompanyTerms",
    "ConductRule",
    "FieldChange",
    "GroupRate",
    "LabelStats",
    "MemberStatus",
    "Proposal",
    "ProposedRule",
    "RuleChange",
    "RuleContent",
    "RuleEntry",
    "RuleSet",
    "RuleSetDiff",
    "RuleSetError",
    "RuleText",
    "accept",
    "acknowledgement_rates",
    "add_custom",
    "add_from_catalogue",
    "anonymise",
    "applicable_rule",
    "default_catalogue",
    "diff",
    "draft_from_proposal",
    "edit",
    "effective_min_group_size",
    "export_docx",
    "export_markdown",
    "export_pdf",
    "export_proposal",
    "export_ruleset",
    "load_catalogue",
    "move",
    "new_draft",
    "propose_rules",
    "publish",
    "quote",
    "reject",
    "reorder",
    "set_state",
]
