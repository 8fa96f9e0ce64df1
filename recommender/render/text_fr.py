"""Every French text frugal prints for people, by key (``i18n.tr``); the keys of ``text_en``."""

from __future__ import annotations

FR = {
    # cellules et colonnes
    "col.rank": "#",
    "col.option": "Option",
    "col.class": "Classe",
    "col.per_1k": "Énergie pour 1\u202f000 éléments",
    "col.setup": "Mise en place",
    "col.use": "Usage pour {volume} éléments",
    "col.total": "Total",
    "col.total_for": "Total pour {volume} éléments",
    "col.co2e": "CO2e",
    "col.water": "Eau",
    "col.quality": "Qualité",
    "col.method": "Méthode",
    "col.ratio": "vs plus sobre",
    "col.rules": "Règles",
    "col.notes": "Notes",
    "none": "aucune",
    "unknown": "inconnue",
    "best": "meilleure",
    "excluded": "exclue",
    "method.measured": "mesurée",
    "method.published": "publiée",
    "method.estimated": "estimée",
    "setup_method": "mise en place {method}",
    "setup.fit": "entraînement",
    "setup.fine-tune": "ajustement fin",
    "sep": " ; ",
    "colon": " :",
    # frugal recommend
    "rec.options": "Options pour {query} : d'abord celles dont la qualité suffit d'après les scores publiés, puis celles de qualité inconnue ; la moins d'énergie totale d'abord dans chaque groupe :",
    "rec.q.task": "tâche {task}",
    "rec.q.kind": "données {kind}",
    "rec.q.domain": "domaine {domain}",
    "rec.q.lang": "langue des données {code}",
    "rec.q.sensitivity": "données {sensitivity}",
    "rec.q.use": "usage {use}",
    "rec.q.items": "{items} éléments",
    "rec.q.hardware": "matériel {hardware}",
    "rec.q.grid": "réseau {grid} (calculs locaux)",
    "rec.left_out": "(Non affichées sur {width} colonnes\u00a0: {columns}\u00a0; --wide, un terminal plus large ou "
                    "--format markdown affichent toutes les colonnes.)",
    "rec.showing": "{shown} options affichées sur {total} : la plus sobre de chaque famille, hébergement et "
                   "domaine, et celles qu'aucune option moins coûteuse n'égale en qualité (--all pour toutes les "
                   "options).",
    "rec.quality": "Qualité : score sur {benchmark} (0–100), entre parenthèses l'écart en points à la meilleure "
                   "option conforme aux règles ; * = sur un autre jeu de référence, non comparable (frugal catalog "
                   "show ID).",
    "rec.short": "Qualité insuffisante ({count} ; non classées) :",
    "rec.short_line": "{name}, {mode} : {score} sur {benchmark}, {why}",
    "rec.short.floor": "sous le seuil de {floor}",
    "rec.short.gap": "{gap} points sous la meilleure ({best}) ; tolérance {tolerance}",
    "verdict.none": "Aucune option ne respecte les règles pour cette question.",
    "verdict.no_benchmark": "aucun jeu de référence commun",
    "verdict.unknown": "Aucune option n'a de qualité suffisante établie : la qualité est inconnue sur {benchmark}. {option} consomme le moins d'énergie ; essayez les options sur vos données (frugal trial) avant de choisir.",
    "verdict.unknown_floor": "Aucune option n'atteint {floor} sur {benchmark} d'après les scores publiés. {option} consomme le moins d'énergie parmi les autres, de qualité inconnue ; essayez-les sur vos données (frugal trial) avant de choisir.",
    "verdict.light_alone": "Utilisez {option} : {score} de {metric} sur {benchmark}, la moins gourmande des options dont la qualité suffit ; aucune option générative n'a de score comparable.",
    "verdict.generative_alone": "Utilisez {option} : {score} de {metric} sur {benchmark} ; aucune option légère n'a de score comparable : essayez-en une sur vos données (frugal trial).",
    "verdict.generative": "Aucune option légère ne suffit ici : la meilleure, {other}, obtient {other_score} sur {benchmark}, {gap} points sous {option} ({score} de {metric}) ; utilisez {option}, l'option la plus légère qui suffit.",
    "verdict.generative_light_too": "Utilisez {option} : {score} de {metric} sur {benchmark}, la moins gourmande des options dont la qualité suffit ; {other} ({other_score}, à {gap} points) suffit aussi et est plus légère : sobriété d'abord, envisagez-la.",
    "verdict.light_above": "Utilisez {option} : {score} de {metric} sur {benchmark}, {gap} points au-dessus de {other}",
    "verdict.light_below": "Utilisez {option} : {score} de {metric} sur {benchmark}, à {gap} points de {other}",
    "verdict.light_level": "Utilisez {option} : {score} de {metric} sur {benchmark}, à égalité avec {other}",
    "verdict.energy_less": ", pour {ratio} de son énergie à {volume} éléments.",
    "verdict.energy_more": ", pour {ratio} son énergie à {volume} éléments.",
    "verdict.end": ".",
    "rec.disclosed": "Publié par les plateformes elles-mêmes (par requête, nombre de tokens non publié : une borne à côté de l'estimation, pas un remplacement) :",
    "rec.disclosed.figure": "{value} {unit} par {per} ({boundary})",
    "rec.disclosed.line": "{name} : {figures} — {source}, {date} ; estimation de frugal pour cette charge : {estimate} Wh par élément (usage, périmètre de l'installation, centrale)",
    "rec.excluded_rows": "Exclues ({count}) :",
    "rec.excluded_summary": "Exclues ({count} ; --show-excluded pour leurs lignes) :",
    "rec.excluded_line": "{code} ({section}) : {names}",
    "rec.rules": "Règles :",
    "rec.rule_line": "{code} : {message} ({section})",
    "rec.sources": "Sources :",
    "rec.local": "{id} : votre catalogue local, non relu ; source {source}",
    "rec.legend": "mesurée : relevée sur du matériel réel (CodeCarbon ou l'étude citée) ; publiée : annoncée par "
                  "ses auteurs ; estimée : estimateur de frugal d'après les FLOP et les octets lus. Énergie au "
                  "périmètre de l'installation (informatique × PUE) ; les totaux donnent l'estimation centrale "
                  "et (basse–haute) ; CO2e et eau suivent le total.",
    "rec.note": "Note ({code}) : {message}",
    "rec.why": "Pourquoi cet ordre (raisons et étapes de calcul en anglais) :",
    "rec.why.use": "énergie d'usage, {method} :",
    "rec.why.setup_energy": "énergie de mise en place, {method} :",
    "rec.why.setup": "mise en place : un {setup} sur {items} éléments annotés",
    # frugal compare
    "cmp.title": "Empreinte de {count} options pour {task} sur {items} éléments de type {kind}, de la plus "
                 "faible énergie totale à la plus forte :",
    "cmp.quality": "Qualité : score (0–100) sur {benchmark}.",
    "cmp.classes": "Classe d'énergie selon l'énergie pour 1\u202f000 éléments (Wh, installation) : {thresholds} ; "
                   "« vs plus sobre » = énergie totale / la plus faible énergie totale.",
    "cmp.versions": "frugal {version}, catalogue {catalog}.",
    "cmp.unable": "{name} ({id}) ne sait pas faire {task} sur des données {kind} (ses tâches : {tasks} ; "
                  "données : {kinds}) : laissé de côté.",
    # hypothèses énoncées par la bibliothèque (i18n.assumption)
    "a.assumed_kind": "Données de type {kind} supposées (--data-kind {kinds} pour changer).",
    "a.assumed_sensitive": "Données supposées sensibles, le choix prudent par défaut (--data-sensitivity "
                           "public|internal sinon).",
    "a.compared_task": "Comparaison sur la tâche {task}, celle que la plupart de ces modèles savent faire (--task "
                       "pour changer).",
    # frugal report
    "report.title": "Justification du choix d'un système d'IA : {task}",
    "report.generated": "Produit par frugal {version} (catalogue {catalog}) le {date}. Ce document est "
                        "autonome : la méthode et la source de chaque chiffre sont données ci-dessous.",
    "report.question": "La question posée",
    "q.task": "Tâche : {task} (données {kind}, domaine {domain}, langue des données : {data_lang})",
    "q.sensitivity": "Sensibilité des données : {sensitivity}",
    "q.use": "Usage : {use}",
    "q.volume": "Volume : {volume} éléments",
    "q.hardware": "Matériel pour les options locales : {hardware}",
    "q.hardware_default": "le profil par défaut de chaque option",
    "q.grid": "Réseau électrique des calculs locaux : {zone} ({intensity} g CO2e/kWh) ; les plateformes "
              "hébergées utilisent la zone de leur centre de données",
    "q.quality": "Qualité suffisante : {floor}",
    "q.quality_none": "aucun seuil donné : au plus {value} points sous la meilleure option autorisée (la tolérance par défaut) ; qualité inconnue classée après, signalée",
    "q.min_quality": "un score d'au moins {value} sur le jeu de référence",
    "q.tolerance": "au plus {value} points sous la meilleure option autorisée",
    "report.ranked": "Options recommandées : d'abord celles dont la qualité suffit, puis celles de qualité inconnue ; la plus sobre d'abord dans chaque groupe",
    "report.none_ranked": "Aucune option ne respecte les règles pour cette question.",
    "report.excluded": "Options exclues et règle qui exclut chacune",
    "report.none_excluded": "Aucune option n'est exclue.",
    "report.excluded_line": "{name} ({id}) : règle {code} ({section}) : {message}.",
    "report.left_out": "Modèles qui ne savent pas faire cette tâche",
    "report.footprint": "Tableau d'empreinte",
    "report.footprint_intro": "Énergie au périmètre de l'installation (informatique × PUE), estimation centrale "
                              "et (basse–haute) ; classe A–G selon l'énergie pour 1\u202f000 éléments ; rapport de "
                              "l'énergie totale à celle de l'option la plus sobre. Les nombres entre crochets "
                              "renvoient aux sources.",
    "report.plot": "Énergie et qualité",
    "report.plot_caption": "Énergie totale pour le volume (échelle logarithmique ; barres : basse–haute) et "
                           "qualité sur {benchmark}. La frontière de sobriété (Pareto) relie les options "
                           "qu'aucune autre ne bat à la fois en énergie et en qualité.",
    "report.plot_missing": "Graphique omis : {reason}",
    "report.plot_no_matplotlib": "matplotlib n'est pas installé (pip install 'frugal[plot]').",
    "report.plot_no_points": "aucune option n'a une énergie connue.",
    "report.caveats": "Mises en garde et rappels",
    "report.methodology": "Méthodologie",
    "report.assumptions": "Hypothèses",
    "report.sources": "Sources",
    "report.details": "Obtention de chaque chiffre (étapes de calcul de frugal, en anglais)",
    "report.versions": "Versions",
    "report.version_frugal": "frugal {version}",
    "report.version_catalog": "empreinte du catalogue {catalog} (sha256 des tables du catalogue, de l'ajustement "
                              "de l'estimateur et de ses données de calibration, et de vos modèles et mesures "
                              "locaux)",
    "report.benchmark": "Qualité : score (0–100) sur le jeu de référence {benchmark}.",
    "report.no_benchmark": "Qualité : aucun score publié pour cette tâche et ce domaine dans le catalogue "
                           "(inconnue).",
    "method.text": (
        "Les chiffres d'énergie proviennent, par ordre de préférence, d'une mesure sur la classe de matériel "
        "de la charge de travail (mesurée), d'un chiffre publié par ses auteurs (publiée) ou de l'estimateur "
        "de frugal (estimée : temps de calcul d'après les FLOP, temps mémoire d'après les octets lus, "
        "puissance × temps pour l'accélérateur et l'hôte). Chaque chiffre est ramené au périmètre de "
        "l'installation : les chiffres limités à l'accélérateur reçoivent la part de l'hôte, puis énergie "
        "informatique × PUE.",
        "Carbone = énergie de l'installation × intensité carbone du réseau (g CO2e/kWh). Eau = énergie "
        "informatique × eau consommée sur site (WUE) + énergie de l'installation × intensité en eau de la "
        "production d'électricité.",
        "La mise en place (entraînement ou ajustement fin sur les éléments annotés) est un coût unique, "
        "distinct de l'usage (par élément × volume) ; les totaux additionnent les deux. Les entrées "
        "incertaines sont des intervalles (basse–haute).",
        "Classement, la phrase de la charte (le système le moins gourmand qui résout le problème) : parmi les "
        "options qui savent faire la tâche et respectent toutes les règles d'exclusion, celles dont la qualité "
        "suffit d'après les scores publiés — un score comparable (même jeu de référence, même métrique, même "
        "partition que la référence de la question) au moins égal à --min-quality, ou à moins de --tolerance "
        "points de la meilleure option permise (5 par défaut) — viennent d'abord, la moins d'énergie totale "
        "de l'installation pour le volume (estimation centrale) d'abord ; puis les options de qualité "
        "inconnue, la moins d'énergie d'abord ; à égalité, la meilleure qualité connue d'abord, puis le nom. "
        "Les options dont on sait qu'elles n'atteignent pas le seuil sont listées avec leur score, non "
        "classées. Les options dont l'énergie est inconnue viennent en dernier dans leur groupe. Une option "
        "est un modèle utilisé dans un mode (entraîné, affiné, sans exemple, k exemples, affiné sur "
        "instructions) : un prompt à k exemples les porte dans l'entrée de chaque élément, l'affinage a un "
        "coût de mise en place. La sobriété d'abord est une réserve sur une option générative quand une "
        "option plus légère suffit. « ≈ » signale une option dont l'intervalle recouvre celui de l'option "
        "au-dessus.",
    ),
    "method.classes": "Classes d'énergie (Wh pour 1\u202f000 éléments, périmètre de l'installation, estimation "
                      "centrale) : {thresholds}. Une lettre par décade sur une échelle logarithmique, idée "
                      "reprise de l'étiquette énergie européenne A–G et des notes par tâche de l'AI Energy "
                      "Score [{refs}] ; les décades sont propres à frugal et valent pour toutes les tâches.",
    "a.tokens": "Longueur de texte par élément : {tokens_in} jetons en entrée, {tokens_out} jetons générés "
                "(options génératives).",
    "a.setup": "Mise en place : {train_items} éléments annotés ; l'ajustement fin fait {epochs} passes.",
    "a.batch_local": "Taille de lot locale : {batch} éléments.",
    "a.batch_hosted": "Les plateformes hébergées traitent {low} à {high} requêtes à la fois (valeur centrale "
                      "{mid}).",
    "a.sites": "{name} : PUE {pue}, eau sur site {wue} L/kWh, réseau {zone}.",
    "a.data_kind": "Données de type {kind} supposées (le type habituel de la tâche).",
    "a.sensitive": "Données supposées sensibles, le choix prudent par défaut.",
    # frugal disclose
    "d.heading": "Utilisation de systèmes d'IA",
    "d.model": "{name} ({details})",
    "d.version": "version {version}",
    "d.params": "{count} de paramètres",
    "d.used": "Nous avons utilisé {model} pour {role} : {volume} éléments de type {kind}",
    "d.tokens_gen": ", d'environ {tokens_in} jetons en entrée et {tokens_out} jetons générés chacun",
    "d.tokens": ", d'environ {tokens_in} jetons en entrée chacun",
    "d.fine-tune": ", après un ajustement fin sur {train_items} éléments annotés ({epochs} passes)",
    "d.fit": ", après un entraînement sur {train_items} éléments annotés",
    "d.zero-shot": ", sans entraînement (requêtes zero-shot)",
    "d.none": "",
    "d.local": "Il a été exécuté localement sur {hardware} en {precision}, par lots de {batch} éléments (site : "
               "{site} ; réseau électrique {zone}, {intensity} g CO2e/kWh).",
    "d.external": "Il a été exécuté sur la plateforme {provider} (site : {site} ; réseau électrique {zone}, "
                  "{intensity} g CO2e/kWh).",
    "d.energy": "L'énergie consommée pour ce travail est {method} à {total} au périmètre de l'installation "
                "(PUE {pue}){setup}, soit environ {carbon} CO2e{water} {refs}.",
    "d.energy_setup": ", dont {setup} pour {phase}",
    "d.water": " et {water} d'eau",
    "d.energy_unknown": "Son énergie n'a pas pu être estimée : le catalogue n'a ni mesure ni chiffre publié "
                        "pour ce modèle et l'estimateur de frugal ne couvre pas son architecture.",
    "d.tool": "Empreinte calculée avec frugal {version} (catalogue {catalog}) {ref}.",
    "d.references": "Références",
    "d.method.measured": "mesurée",
    "d.method.published": "estimée d'après des mesures publiées",
    "d.method.estimated": "estimée",
    "d.phase.fine-tune": "l'ajustement fin",
    "d.phase.fit": "l'entraînement",
    "frugal.citation": "frugal {version} : classement des options d'IA selon leur consommation de "
                       "ressources, d'après la charte IA de l'institut",
    "mode.fit": "entraîné",
    "mode.fine-tuned": "affiné",
    "mode.zero-shot": "sans exemple",
    "mode.one-shot": "1 exemple",
    "mode.few-shot": "{k} exemples",
    "mode.instruction-fine-tuned": "affiné sur instructions",
    "kind.text": "texte",
    "kind.tabular": "tabulaire",
    "kind.image": "image",
    # le graphique
    "plot.x": "Énergie pour {volume} éléments (Wh, installation ; échelle log.)",
    "plot.y": "Qualité sur {benchmark} (0–100)",
    "plot.frontier": "frontière de sobriété",
    "plot.allowed": "autorisée",
    "plot.excluded": "exclue par une règle",
    "plot.unknown": "qualité inconnue sur ce banc d'essai (?)",
    "plot.unknown_excluded": "qualité inconnue, exclue par une règle",
}
