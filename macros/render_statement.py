"""The accessibility statement's HTML, computed from the RGAA self-audit (data/rgaa.yml)."""
from __future__ import annotations

from . import conformity as _conformity
from . import formatting as _fmt
from . import rgaa as _rgaa
from .render import esc
from .variants import VARIANTS


def _rate(rate: object) -> str:
    """`97,7 %`, or « sans objet » when no criterion applies."""
    if rate is None:
        return "sans objet"
    return f"{_fmt.number(_conformity.rounded(rate))}\u00a0%"  # type: ignore[arg-type]


def rgaa_summary(audit: _rgaa.Audit, result: _conformity.Conformity) -> str:
    """The status and the rates, computed from the audit."""
    applicable = result.conforming + result.non_conforming
    return (
        f"<p>Ce site est <strong>{esc(result.status)}</strong> avec le référentiel général d'amélioration "
        f"de l'accessibilité ({esc(audit.audit.reference)}) : <strong>{_rate(result.rate)}</strong> des critères "
        f"applicables sont respectés ({_fmt.number(result.conforming)} critères conformes sur {_fmt.number(applicable)} applicables ; "
        f"{_fmt.number(result.not_applicable)} critères sur {_fmt.number(len(_rgaa.CRITERIA))} ne s'appliquent à aucune page de l'échantillon).</p>"
        f"<p>Taux moyen de conformité par page : {_rate(result.average)}. Audit du {esc(_fmt.long_date(audit.audit.date))}, "
        f"{esc(audit.audit.auditor)}.</p>"
    )


def _criteria(count: int, adjective: str) -> str:
    """`1 conforme`, `9 non applicables`, `0 non conforme` (French: plural from 2)."""
    return f"{_fmt.number(count)} {adjective}{'s' if count > 1 else ''}"


def rgaa_themes(result: _conformity.Conformity) -> str:
    """The overall results theme by theme, as a short list (a table would be wider than a phone)."""
    items = "".join(
        f"<li>{esc(f'{t.number}. {t.name}')} : {_criteria(t.conforming, 'conforme')}, "
        f"{_criteria(t.non_conforming, 'non conforme')}, {_criteria(t.not_applicable, 'non applicable')}</li>"
        for t in _conformity.theme_counts(result)
    )
    return f'<ul class="rgaa-themes">{items}</ul>'


def rgaa_failures(audit: _rgaa.Audit) -> str:
    """Each non-conformity: criterion, pages, what is wrong, the fix and its plan."""
    found = _conformity.failures(audit)
    if not found:
        return "<p>L'audit n'a relevé aucune non-conformité.</p>"
    items = []
    for failure in found:
        c, nc = failure.criterion, failure.criterion.non_conformity
        pages = ", ".join(f"{p.title}" for p in failure.pages)
        items.append(
            f"<li><p><strong>Critère {esc(c.id)}</strong> ({esc(c.title)}) : {esc(nc.summary if nc else '')}</p>"
            f"<p>Pages concernées : {esc(pages)}.</p>"
            f"<p>Correction : {esc(nc.fix if nc else '')}</p><p>Plan : {esc(nc.plan if nc else '')}</p></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def rgaa_fixed(audit: _rgaa.Audit) -> str:
    """The non-conformities found by the audit and already fixed."""
    if not audit.fixed:
        return ""
    return "<ul>" + "".join(f"<li><strong>Critère {esc(f.criterion)}</strong> : {esc(f.summary)} Corrigé : {esc(f.fix)}</li>" for f in audit.fixed) + "</ul>"


def rgaa_sample(audit: _rgaa.Audit, *, audience: str) -> str:
    """The audited pages and documents; the public variant only counts the restricted ones."""
    out = []
    for variant, label in ((v.audience, v.title) for v in VARIANTS):
        pages = [p for p in audit.sample if p.variant == variant]
        docs = [d for d in audit.documents if d.variant == variant]
        if not pages:
            continue
        intro = f"Pages du {label}" if variant == "public" else f"Pages de la {label}"
        if variant == "restricted" and audience == "public":
            out.append(f"<p>{esc(intro)} : {_fmt.number(len(pages))} pages et {_fmt.number(len(docs))} plaquette PDF, "
                       "auditées de la même manière (leur liste est dans la déclaration de cette variante).</p>")
            continue
        listed = [f"{p.title} (/{p.path})" for p in pages] + [f"plaquette PDF : {d.file}" for d in docs]
        out.append(_sentence(intro, listed))
    return "\n".join(out)


def rgaa_documents(audit: _rgaa.Audit, *, audience: str) -> str:
    """What the inspection of each PDF of the audience's variant found; PDF/UA claimed only when checked."""
    items = []
    for d in audit.documents:
        if audience == "public" and d.variant != "public":
            continue
        facts = [
            "structure balisée" if d.tagged else "sans structure balisée",
            f"langue « {d.language} »" if d.language else "sans langue déclarée",
            "titre déclaré et affiché" if d.title and d.display_title else ("titre déclaré" if d.title else "sans titre"),
            f"{_fmt.number(d.bookmarks)} signets",
            "déclaré PDF/UA" if d.pdf_ua else "non déclaré PDF/UA",
        ]
        issues = "".join(f"<li>{esc(issue)}</li>" for issue in d.issues)
        items.append(
            f"<li><p><strong>{esc(d.file)}</strong> : {esc(', '.join(facts))}.</p><p>{esc(d.evidence)}</p>"
            + (f"<ul>{issues}</ul>" if issues else "")
            + "</li>"
        )
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def _sentence(intro: str, texts: tuple[str, ...] | list[str]) -> str:
    """`<p>Intro : a ; b ; c.</p>`: a list of short facts as one paragraph (a light page, EcoIndex)."""
    return f"<p>{esc(intro)} : {esc(' ; '.join(texts))}.</p>"


def rgaa_environment(audit: _rgaa.Audit) -> str:
    """Technologies, tools, test environments, and the combinations not tested."""
    info = audit.audit
    return "".join((
        _sentence("Technologies utilisées", info.technologies),
        _sentence("Outils d'évaluation", info.tools),
        _sentence("Environnement des tests", info.environments),
        _sentence("Non testés (aucun lecteur d'écran n'est disponible sur la machine de l'audit)", info.not_tested),
    ))


def rgaa_methods(audit: _rgaa.Audit) -> str:
    """The methods the audit used, with their French labels."""
    used = sorted({m for c in audit.criteria for m in c.method} | {m for c in audit.criteria for p in c.pages.values() for m in p.method},
                  key=list(_rgaa.METHODS).index)
    return _sentence("L'audit a combiné ces méthodes", [_rgaa.METHODS[m] for m in used])
