# Deux commandes font tout sur une Debian neuve : `make site` et `make test`.
# Les paquets Debian manquants sont installés (root requis), l'environnement
# Python .venv est créé avec les versions figées de requirements/, par
# niveau : check.txt (validation des données : `make check`, `make schemas`),
# site.txt (+ MkDocs, PDF : `make site`, `serve`, `bench`), test.txt (+ outils
# de test : `make test`). Le projet y est installé en mode éditable
# (pyproject.toml) : `macros` et `tools` s'importent de partout.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check
REQUIREMENTS := requirements
# Un témoin par niveau : chacun installe son fichier (qui inclut le précédent).
CHECK_STAMP := $(VENV)/.installed-check
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
# Ce que `site`, `serve` et `bench` demandent. Les tests de `make site` sur
# une copie du projet (tests/test_errors.py) le remplacent par un fichier
# existant : installation déjà faite, le .venv partagé n'est pas touché.
STAMP := $(SITE_STAMP)
APT_STAMP := $(VENV)/.apt
# chromium : tests navigateur et PDF ; fonts-* : polices système embarquées
# dans les PDF ; poppler-utils : pdftoppm (aperçu PNG des PDF dans les tests) ;
# default-jre-headless : Java du validateur HTML du W3C (vnu.jar, tests) ;
# libatomic1 : requis par le pilote Node.js de Playwright (absent d'une Debian
# minimale) ; git-crypt : déverrouillage de la diffusion restreinte (avec la clé).
APT_PACKAGES := chromium fonts-dejavu-core fonts-liberation2 poppler-utils default-jre-headless libatomic1 git-crypt
export NO_MKDOCS_2_WARNING := 1

.PHONY: all site test serve check schemas bench clean setup apt

all: site

$(APT_STAMP): Makefile
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installation des paquets Debian :$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@mkdir -p $(VENV) && touch $@

# L'installation éditable ne dépend que des paquets nommés dans pyproject.toml
# ([tool.setuptools]) : si on en ajoute un, `rm $(CHECK_STAMP)` (pas de
# réinstallation à chaque changement des réglages de ruff ou de mypy).
$(CHECK_STAMP): $(REQUIREMENTS)/check.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) -r $(REQUIREMENTS)/check.txt
	$(PIP) --no-deps --no-build-isolation -e .
	@touch $@

$(SITE_STAMP): $(REQUIREMENTS)/site.txt $(CHECK_STAMP)
	$(PIP) -r $(REQUIREMENTS)/site.txt
	@touch $@

$(TEST_STAMP): $(REQUIREMENTS)/test.txt $(SITE_STAMP)
	$(PIP) -r $(REQUIREMENTS)/test.txt
	@touch $@

setup: $(STAMP) $(APT_STAMP)
apt: $(APT_STAMP)

# Les outils sont lancés comme modules du projet (`-m tools.build`) : le code
# exécuté est celui du dossier où `make` tourne.
site: setup
	$(PY) -m tools.build site

check: $(CHECK_STAMP)
	@$(PY) -m tools.build check

# Schémas JSON des fichiers de data/ (aide des éditeurs), tirés du modèle.
schemas: $(CHECK_STAMP)
	@$(PY) -m tools.schemas

test: $(TEST_STAMP) $(APT_STAMP)
	$(VENV)/bin/ruff check --quiet macros tools tests
	$(VENV)/bin/mypy
	$(PY) -m pytest

# Aperçu : sans --strict, pour qu'un lien cassé n'arrête pas l'aperçu (il est
# signalé dans le terminal ; `make site` reste strict).
serve: setup
	$(VENV)/bin/mkdocs serve --livereload --no-strict

bench: setup
	$(PY) -m tools.bench

clean:
	rm -rf site site-restricted .build-* .pytest_cache .mypy_cache
