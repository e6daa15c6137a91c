"""The RGAA 4.1.2 self-audit (data/rgaa.yml): RGAA's criteria, the file's model, its validation.

The audit is data, like the offer: one YAML file, read through the
line-tracking loader and validated by the pydantic model below, every error
reported at once in French with its file and line. The accessibility
statement (docs/accessibilite.md) and the footer's status are computed from
it, never typed by hand.

The file lists the sample (web pages of both variants, and the PDF handouts
as documents), then the 106 criteria of RGAA 4.1.2. Each criterion gives a
result for every page of the sample: `result` applies to every page, and
`pages:` overrides it page by page. So each (criterion, page) pair has a
result, a method and evidence, without pasting 106 × 18 identical entries.

The rate and the status computed from it are in conformity.py.

Nothing here imports MkDocs, Jinja or a browser: tools/rgaa_checks.py runs
the automated checks that the audit names (`checks:`), and the tests make
sure that each claim backed by a check still holds on the built sites.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from .errors import DataError, DataErrors
from .field_types import Day, Ident, StrictModel, Text
from .loader import LoadedFile, load_file

AUDIT_FILE = Path(__file__).resolve().parent.parent / "data" / "rgaa.yml"
FILE_NAME = "data/rgaa.yml"

# RGAA 4.1.2: the number of criteria of each of its 13 themes (106 in all).
THEMES: dict[int, tuple[str, int]] = {
    1: ("Images", 9),
    2: ("Cadres", 2),
    3: ("Couleurs", 3),
    4: ("Multimédia", 13),
    5: ("Tableaux", 8),
    6: ("Liens", 2),
    7: ("Scripts", 5),
    8: ("Éléments obligatoires", 10),
    9: ("Structuration de l'information", 4),
    10: ("Présentation de l'information", 14),
    11: ("Formulaires", 13),
    12: ("Navigation", 11),
    13: ("Consultation", 12),
}
CRITERIA: tuple[str, ...] = tuple(f"{theme}.{number}" for theme, (_name, count) in THEMES.items() for number in range(1, count + 1))

CONFORMING, NON_CONFORMING, NOT_APPLICABLE = "C", "NC", "NA"
Result = Literal["C", "NC", "NA"]

# How a result was established (the `method` of a criterion or of a page).
METHODS: dict[str, str] = {
    "regle_automatique": "règles automatiques (axe-core, HTML_CodeSniffer, Nu Html Checker)",
    "inspection_dom": "inspection du DOM et du code source",
    "arbre_accessibilite": "arbre d'accessibilité exposé par Chromium",
    "parcours_clavier": "parcours au clavier (tabulation, Entrée)",
    "zoom": "zoom à 200 % et à 400 %",
    "reflow_320": "affichage sur 320 px de large et 256 px de haut",
    "espacement_texte": "espacement du texte redéfini (WCAG 1.4.12)",
    "couleurs_forcees": "couleurs forcées (contraste élevé)",
    "css_desactivees": "feuilles de style désactivées",
    "impression": "impression et PDF",
    "lecture": "lecture et jugement de l'auditeur",
    "inspection_pdf": "inspection de la structure du PDF (pypdf)",
}
Method = Literal[
    "regle_automatique", "inspection_dom", "arbre_accessibilite", "parcours_clavier", "zoom", "reflow_320",
    "espacement_texte", "couleurs_forcees", "css_desactivees", "impression", "lecture", "inspection_pdf",
]

# The automated checks of tools/rgaa_checks.py a criterion may cite: each
# must pass on every page where the criterion is C or NA.
CHECKS: dict[str, str] = {
    "axe": "axe-core : aucune violation des règles WCAG 2.1 A et AA",
    "htmlcs": "HTML_CodeSniffer : aucune erreur de la norme WCAG2AA",
    "doctype": "type de document HTML5 déclaré",
    "lang": "langue par défaut « fr » déclarée sur l'élément html",
    "lang_changes": "chaque attribut lang est un code de langue valide",
    "no_dir": "aucun changement de sens de lecture (attribut dir)",
    "title": "titre de page présent, qui commence par le titre de la page et nomme le site",
    "no_images": "aucune image (img, svg, picture, area, input image, role img) dans la page",
    "no_frames": "aucun cadre (iframe, frame)",
    "no_media": "aucun média (video, audio, object, embed, canvas)",
    "no_scripts": "aucun script (hors données structurées JSON-LD)",
    "no_forms": "aucun champ ni bouton de formulaire",
    "no_new_window": "aucun lien ni formulaire ouvrant une nouvelle fenêtre (target)",
    "no_quotes": "aucune citation balisée (blockquote, q)",
    "no_tables": "aucun tableau",
    "simple_tables": "chaque tableau est simple : en-têtes sur la première ligne et la première colonne seulement",
    "no_documents": "aucun lien vers un document bureautique (PDF, ODF, Office, EPUB)",
    "tables": "chaque tableau a un titre (caption) et des en-têtes th avec scope ; aucun tableau de mise en forme",
    "headings": "un seul titre h1, premier titre de la page, sans saut de niveau",
    "landmarks": "une bannière, une navigation nommée, un contenu principal et un pied de page",
    "links_named": "chaque lien a un intitulé ; deux liens de même intitulé mènent au même endroit",
    "links_visible": "les liens dans le texte sont soulignés",
    "skip_link": "le premier élément atteint au clavier est le lien d'évitement vers le contenu principal",
    "keyboard": "la tabulation atteint chaque lien dans l'ordre du document, focus visible, sans piège",
    "css_off": "aucun texte généré par CSS qui porterait une information",
    "reflow_320": "à 320 px de large, ni défilement horizontal ni contenu coupé (hors tableaux de données)",
    "zoom_200": "texte agrandi à 200 % : rien de coupé ni de masqué",
    "zoom_400": "zoom à 400 % (320 px CSS) : rien de coupé ni de masqué",
    "text_spacing": "espacement du texte redéfini : rien de coupé ni de masqué",
    "forced_colors": "en couleurs forcées, le focus reste visible et aucun texte ne disparaît",
    "orientation": "consultable en portrait comme en paysage, sans défilement horizontal",
    "nav_consistent": "le menu et le pied de page sont identiques et à la même place sur chaque page de la variante",
    "a11y_tree": "arbre d'accessibilité : repères nommés, un titre de niveau 1, liens et contrôles nommés",
}
Check = Literal[
    "axe", "htmlcs", "doctype", "lang", "lang_changes", "no_dir", "title", "no_images", "no_frames", "no_media",
    "no_scripts", "no_forms", "no_new_window", "no_quotes", "no_tables", "simple_tables", "no_documents", "tables", "headings", "landmarks", "links_named",
    "links_visible", "skip_link", "keyboard", "css_off", "reflow_320", "zoom_200", "zoom_400", "text_spacing",
    "forced_colors", "orientation", "nav_consistent", "a11y_tree",
]

CriterionId = Annotated[str, Field(pattern=r"^(1[0-3]|[1-9])\.(1[0-4]|[1-9])$", description="Numéro de critère RGAA (ex. 10.11)")]
Variant = Literal["public", "restricted"]


class PageResult(StrictModel):
    """Le résultat d'un critère sur une page, quand il diffère du résultat général."""

    result: Result = Field(description="C (conforme), NC (non conforme) ou NA (non applicable)")
    evidence: Text = Field(description="Ce qui a été constaté sur cette page")
    method: tuple[Method, ...] = Field(default=(), description="Méthodes, si elles diffèrent de celles du critère")
    checks: tuple[Check, ...] | None = Field(default=None, description="Vérifications automatiques de cette page, si elles diffèrent de celles du critère")


class NonConformity(StrictModel):
    """Une non-conformité : ce qui ne va pas, la correction, qui la fait, quand."""

    summary: Text = Field(description="Ce qui n'est pas conforme, en une phrase")
    fix: Text = Field(description="La correction : fichier et changement")
    plan: Text = Field(description="Plan : qui corrige et quand")


class Criterion(StrictModel):
    """Un critère du RGAA 4.1.2 et son résultat sur chaque page de l'échantillon."""

    id: CriterionId
    title: Text = Field(description="Intitulé court du critère, en français")
    result: Result = Field(description="Résultat sur chaque page de l'échantillon, sauf celles de « pages »")
    method: tuple[Method, ...] = Field(min_length=1, description="Comment le critère a été vérifié")
    checks: tuple[Check, ...] = Field(
        default=(), description="Vérifications automatiques (tools/rgaa_checks.py) qui doivent réussir là où le critère est C ou NA"
    )
    evidence: Text = Field(description="Ce qui a été constaté")
    pages: dict[Ident, PageResult] = Field(default_factory=dict, description="Résultats propres à certaines pages (identifiants de l'échantillon)")
    non_conformity: NonConformity | None = Field(default=None, description="Obligatoire si le critère est NC sur une page")


class SamplePage(StrictModel):
    """Une page web de l'échantillon."""

    id: Ident
    variant: Variant = Field(description="public ou restricted")
    path: str = Field(description="Adresse relative à la racine du site (vide pour l'accueil, 404.html)")
    source: Text = Field(description="Fichier de docs/ (ex. tarifs.md) ou gabarit (404.html)")
    title: Text = Field(description="Titre de la page")
    covers: tuple[Text, ...] = Field(min_length=1, description="Gabarits et composants que la page représente")


class Document(StrictModel):
    """Un document à télécharger (la plaquette PDF), et ce que son inspection a montré."""

    id: Ident
    variant: Variant
    file: Text = Field(description="Nom du fichier publié")
    source: Text = Field(description="Page de docs/ dont le PDF est imprimé")
    linked_from: tuple[Ident, ...] = Field(min_length=1, description="Pages de l'échantillon qui le proposent")
    tagged: bool = Field(description="Structure balisée (MarkInfo, StructTreeRoot)")
    language: Text | None = Field(default=None, description="Langue déclarée (/Lang)")
    title: Text | None = Field(default=None, description="Titre déclaré dans les métadonnées")
    display_title: bool = Field(description="Le lecteur affiche le titre plutôt que le nom du fichier")
    bookmarks: int = Field(ge=0, description="Nombre minimal de signets (il dépend des données : titres des pages)")
    figures_without_alt: int = Field(default=0, ge=0, description="Figures balisées sans texte de remplacement (/Alt)")
    pdf_ua: bool = Field(description="Déclaré PDF/UA (false tant qu'aucun validateur PDF/UA ne l'a vérifié)")
    evidence: Text
    issues: tuple[Text, ...] = Field(default=(), description="Défauts constatés")


class Fixed(StrictModel):
    """Une non-conformité trouvée pendant l'audit et déjà corrigée."""

    criterion: CriterionId
    summary: Text
    fix: Text


class AuditInfo(StrictModel):
    """Qui a audité, quand, avec quoi."""

    date: Day = Field(description="Date de l'audit, AAAA-MM-JJ")
    reference: Text = Field(description="Référentiel (RGAA 4.1.2)")
    auditor: Text
    technologies: tuple[Text, ...] = Field(min_length=1)
    tools: tuple[Text, ...] = Field(min_length=1, description="Outils utilisés")
    environments: tuple[Text, ...] = Field(min_length=1, description="Environnements de test (navigateur, technologie d'assistance)")
    not_tested: tuple[Text, ...] = Field(min_length=1, description="Combinaisons non testées, dites honnêtement")


class Audit(StrictModel):
    """data/rgaa.yml : l'audit RGAA 4.1.2, page par page."""

    audit: AuditInfo
    sample: tuple[SamplePage, ...] = Field(min_length=1)
    documents: tuple[Document, ...] = ()
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    fixed: tuple[Fixed, ...] = ()


# ------------------------------------------------------------------ loading
def load_audit(path: Path = AUDIT_FILE, *, name: str = FILE_NAME) -> Audit:
    """The validated audit; raise DataErrors (French, file and line) otherwise."""
    stat = path.stat() if path.exists() else None
    return _load_cached(path, stat.st_mtime_ns if stat else 0, name)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime: int, name: str) -> Audit:
    """One parse per version of the file (the pages and the footer share it)."""
    from .messages import translate

    loaded = load_file(path, name=name)
    if not isinstance(loaded.data, dict):
        raise DataErrors([loaded.error((), "attendu une section de clés « clé: valeur »")])
    try:
        audit = Audit.model_validate(loaded.data)
    except ValidationError as exc:
        raise DataErrors(translate(exc, loaded, Audit)) from None
    errors = cross_check(audit, loaded)
    if errors:
        raise DataErrors(errors)
    return audit


def cross_check(audit: Audit, loaded: LoadedFile) -> list[DataError]:
    """References inside the audit: the 106 criteria in order, known pages, a plan for each NC."""
    errors: list[DataError] = []
    errors += _check_unique(loaded, "sample", [page.id for page in audit.sample], "page")
    errors += _check_unique(loaded, "documents", [doc.id for doc in audit.documents], "document")
    seen = [(page.variant, page.path) for page in audit.sample]
    for index, key in enumerate(seen):
        if key in seen[:index]:
            errors.append(loaded.error(("sample", index, "path"), f"page « {key[1] or '/'} » ({key[0]}) déjà dans l'échantillon"))
    pages = {page.id for page in audit.sample}
    known = ", ".join(sorted(pages))
    ids = [criterion.id for criterion in audit.criteria]
    errors += _check_unique(loaded, "criteria", ids, "critère")
    for index, criterion in enumerate(audit.criteria):
        if criterion.id not in CRITERIA:
            errors.append(loaded.error(("criteria", index, "id"), f"critère « {criterion.id} » inconnu du RGAA 4.1.2"))
        for page in criterion.pages:
            if page not in pages:
                errors.append(loaded.error(("criteria", index, "pages", page), f"page « {page} » absente de l'échantillon (connues : {known})", at_key=True))
        results = set(criterion_results(criterion, pages).values())
        if NON_CONFORMING in results and criterion.non_conformity is None:
            errors.append(loaded.error(
                ("criteria", index), f"critère {criterion.id} non conforme sur une page : décrivez la correction (non_conformity: summary, fix, plan)"
            ))
        if NON_CONFORMING not in results and criterion.non_conformity is not None:
            errors.append(loaded.error(("criteria", index, "non_conformity"), f"critère {criterion.id} conforme partout : retirez non_conformity"))
    missing = [number for number in CRITERIA if number not in ids]
    if missing:
        errors.append(loaded.error(("criteria",), f"{len(missing)} critère(s) du RGAA 4.1.2 manquant(s) : {', '.join(missing)}"))
    elif set(ids) <= set(CRITERIA) and len(ids) == len(CRITERIA) and ids != list(CRITERIA):
        errors.append(loaded.error(("criteria",), "critères dans le désordre : suivez l'ordre du RGAA"))
    for index, document in enumerate(audit.documents):
        for number, page in enumerate(document.linked_from):
            if page not in pages:
                errors.append(loaded.error(("documents", index, "linked_from", number), f"page « {page} » absente de l'échantillon (connues : {known})"))
    for index, fixed in enumerate(audit.fixed):
        if fixed.criterion not in CRITERIA:
            errors.append(loaded.error(("fixed", index, "criterion"), f"critère « {fixed.criterion} » inconnu du RGAA 4.1.2"))
    return errors


def _check_unique(loaded: LoadedFile, key: str, ids: list[str], what: str) -> list[DataError]:
    """One error per repeated identifier, at its second occurrence."""
    errors = []
    for index, ident in enumerate(ids):
        if ident in ids[:index]:
            errors.append(loaded.error((key, index, "id"), f"{what} « {ident} » en double"))
    return errors


def criterion_results(criterion: Criterion, pages: Iterable[str]) -> dict[str, str]:
    """The result of `criterion` on each page id: its own entry, else the general result."""
    return {page: criterion.pages[page].result if page in criterion.pages else criterion.result for page in pages}
