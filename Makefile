# Deux commandes font tout sur une Debian neuve : `make site` et `make test`.
# Les paquets Debian manquants sont installés (root requis), l'environnement
# Python .venv est créé avec les versions figées de requirements.txt.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
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

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	@touch $@

setup: $(STAMP) $(APT_STAMP)
apt: $(APT_STAMP)

site: setup
	$(PY) tools/build.py site

check: $(STAMP)
	@$(PY) tools/build.py check

# Schémas JSON des fichiers de data/ (aide des éditeurs), tirés du modèle.
schemas: $(STAMP)
	@$(PY) tools/schemas.py

test: setup
	$(VENV)/bin/ruff check --quiet macros tools tests
	$(PY) -m pytest

# Aperçu : sans --strict, pour qu'un lien cassé n'arrête pas l'aperçu (il est
# signalé dans le terminal ; `make site` reste strict).
serve: setup
	$(VENV)/bin/mkdocs serve --livereload --no-strict

bench: setup
	$(PY) tools/bench.py

clean:
	rm -rf site site-restricted .build-* .pytest_cache
