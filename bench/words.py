"""Word lists the seeder builds French and English mission texts and names from.

Each domain has its own roles and activities, so a text query ("santé", "teachers",
"eau potable") finds a realistic share of the missions, not all or none of them.
"""

from __future__ import annotations

# Destinations where VSI volunteers actually go (none in the EU/EEA), with a weight
# roughly following where French associations send them.
COUNTRIES = (
    ("SN", 9),
    ("MG", 8),
    ("BF", 6),
    ("CM", 5),
    ("BJ", 5),
    ("TG", 5),
    ("CI", 4),
    ("ML", 2),
    ("MA", 4),
    ("TN", 3),
    ("HT", 4),
    ("PE", 4),
    ("BO", 3),
    ("EC", 2),
    ("BR", 3),
    ("CO", 2),
    ("NI", 2),
    ("GT", 2),
    ("KH", 4),
    ("VN", 3),
    ("LA", 2),
    ("IN", 4),
    ("NP", 3),
    ("PH", 2),
    ("TH", 2),
    ("LB", 2),
    ("JO", 1),
    ("PS", 1),
    ("CD", 3),
    ("CG", 2),
    ("GA", 1),
    ("RW", 2),
    ("KE", 2),
    ("TZ", 2),
    ("UG", 1),
    ("ET", 1),
    ("MZ", 1),
    ("ZA", 1),
    ("CA", 1),
    ("MU", 1),
    ("NE", 2),
    ("TD", 1),
    ("GN", 2),
    ("MR", 1),
    ("DZ", 1),
    ("UA", 1),
    ("AM", 1),
)

PLACES = {
    "SN": ("Dakar", "Saint-Louis", "Ziguinchor", "Thiès", "Kaolack"),
    "MG": ("Antananarivo", "Fianarantsoa", "Toamasina", "Mahajanga"),
    "BF": ("Ouagadougou", "Bobo-Dioulasso", "Koudougou"),
    "CM": ("Yaoundé", "Douala", "Bafoussam"),
    "BJ": ("Cotonou", "Porto-Novo", "Parakou"),
    "TG": ("Lomé", "Kara", "Sokodé"),
    "HT": ("Port-au-Prince", "Jacmel", "Cap-Haïtien"),
    "PE": ("Lima", "Cusco", "Arequipa", "Puno"),
    "KH": ("Phnom Penh", "Siem Reap", "Battambang"),
    "IN": ("Pondichéry", "Chennai", "Bangalore", "Calcutta"),
}

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Jade", "Louise", "Alice",
    "Lucas", "Hugo", "Louis", "Nathan", "Théo", "Arthur", "Jules", "Adam", "Paul", "Yanis",
    "Aïcha", "Fatou", "Moussa", "Mamadou", "Nour", "Youssef", "Zoé", "Clément", "Élodie",
    "Margaux", "Antoine", "Baptiste", "Maëlle", "Océane", "Romain", "Thomas", "Julie", "Amine",
)  # fmt: skip

LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
    "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand",
    "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefort", "Mercier", "Diallo",
    "Ndiaye", "Traoré", "Nguyen", "Benali", "Rakoto", "Mendy", "Faure", "Rousseau", "Blanc",
)  # fmt: skip

ASSOCIATION_HEADS = (
    "Solidarité", "Entraide", "Partage", "Horizons", "Passerelles", "Action", "Villages",
    "Écoles", "Santé", "Terres", "Chemins", "Ponts", "Graines", "Racines", "Avenir",
)  # fmt: skip

ASSOCIATION_TAILS = (
    "sans frontières", "du Sud", "Nord-Sud", "d'Afrique", "des Andes", "du Mékong",
    "solidaires", "pour tous", "et développement", "internationale", "du monde",
    "en partage", "vivantes", "de demain", "citoyennes",
)  # fmt: skip

# Per domain: (French role, English role), French activities, English activities.
DOMAIN_TEXTS = {
    "teaching": (
        ("Enseignant·e de français", "French teacher"),
        ("formation des enseignants", "soutien scolaire", "alphabétisation des adultes",
         "animation de la bibliothèque", "cours de mathématiques"),
        ("teacher training", "after-school tutoring", "adult literacy classes",
         "running the school library", "mathematics lessons"),
    ),
    "development": (
        ("Chargé·e de développement local", "Local development officer"),
        ("appui aux coopératives", "aménagement urbain", "développement rural",
         "accompagnement des collectivités", "gestion des projets villageois"),
        ("support to cooperatives", "urban planning", "rural development",
         "support to local authorities", "village project management"),
    ),
    "health": (
        ("Infirmier·e en santé communautaire", "Community health nurse"),
        ("prévention sanitaire", "santé maternelle et infantile", "soins de santé primaires",
         "sensibilisation au paludisme", "gestion de la pharmacie du dispensaire"),
        ("health prevention", "mother and child health", "primary health care",
         "malaria awareness", "managing the clinic's pharmacy"),
    ),
    "emergency": (
        ("Logisticien·ne humanitaire", "Humanitarian logistician"),
        ("réponse d'urgence", "distribution de kits", "gestion des camps de déplacés",
         "logistique humanitaire", "reconstruction après le cyclone"),
        ("emergency response", "distribution of relief kits", "camp management",
         "humanitarian logistics", "rebuilding after the cyclone"),
    ),
    "agriculture": (
        ("Animateur·rice agricole", "Agricultural extension officer"),
        ("agroécologie", "sécurité alimentaire", "maraîchage", "semences paysannes",
         "irrigation goutte à goutte"),
        ("agroecology", "food security", "market gardening", "farmers' seeds",
         "drip irrigation"),
    ),
    "environment": (
        ("Chargé·e de mission environnement", "Environment project officer"),
        ("reboisement", "protection de la mangrove", "gestion des déchets",
         "adaptation au changement climatique", "énergie solaire"),
        ("reforestation", "mangrove protection", "waste management",
         "climate change adaptation", "solar energy"),
    ),
    "water": (
        ("Technicien·ne eau et assainissement", "Water and sanitation technician"),
        ("accès à l'eau potable", "construction de latrines", "forages villageois",
         "hygiène en milieu scolaire", "comités de gestion de l'eau"),
        ("access to drinking water", "building latrines", "village boreholes",
         "school hygiene", "water management committees"),
    ),
    "childhood": (
        ("Éducateur·rice pour l'enfance", "Youth worker"),
        ("protection de l'enfance", "accueil des enfants des rues", "activités périscolaires",
         "accompagnement des jeunes", "droits de l'enfant"),
        ("child protection", "street children shelter", "after-school activities",
         "mentoring young people", "children's rights"),
    ),
    "social": (
        ("Travailleur·se social·e", "Social worker"),
        ("insertion professionnelle", "accompagnement social",
         "inclusion des personnes handicapées", "lutte contre l'exclusion",
         "accueil des migrants"),
        ("job placement", "social support", "inclusion of disabled people",
         "fighting exclusion", "welcoming migrants"),
    ),
    "human_rights": (
        ("Chargé·e de plaidoyer", "Advocacy officer"),
        ("droits humains", "accès à la justice", "égalité femmes-hommes",
         "observation électorale", "liberté de la presse"),
        ("human rights", "access to justice", "gender equality",
         "election observation", "press freedom"),
    ),
    "economy": (
        ("Conseiller·ère en microfinance", "Microfinance adviser"),
        ("microcrédit", "création d'entreprise", "épargne solidaire",
         "commerce équitable", "formation à la gestion"),
        ("microcredit", "business creation", "community savings", "fair trade",
         "management training"),
    ),
    "culture": (
        ("Animateur·rice culturel·le", "Cultural facilitator"),
        ("patrimoine", "centre culturel", "sport pour tous", "musique et théâtre",
         "valorisation de l'artisanat"),
        ("heritage", "cultural centre", "sport for all", "music and theatre",
         "promoting local crafts"),
    ),
    "project_management": (
        ("Coordinateur·rice de projets", "Project coordinator"),
        ("gestion de projet", "suivi et évaluation", "recherche de financements",
         "renforcement des partenaires", "rédaction de rapports"),
        ("project management", "monitoring and evaluation", "fundraising",
         "strengthening partners", "report writing"),
    ),
    "communication": (
        ("Chargé·e de communication", "Communication officer"),
        ("communication digitale", "site internet", "réseaux sociaux",
         "production de vidéos", "formation au numérique"),
        ("digital communication", "website", "social media", "video production",
         "digital skills training"),
    ),
}  # fmt: skip

DOMAIN_WEIGHTS = {
    "teaching": 14,
    "development": 10,
    "health": 12,
    "emergency": 5,
    "agriculture": 9,
    "environment": 8,
    "water": 6,
    "childhood": 10,
    "social": 6,
    "human_rights": 4,
    "economy": 5,
    "culture": 4,
    "project_management": 5,
    "communication": 2,
}

FR_SENTENCES = (
    "Au sein d'une équipe locale, vous participerez à {a1} et à {a2}.",
    "La mission s'inscrit dans un programme de {a1} mené avec nos partenaires.",
    "Vous serez accueilli·e par l'association partenaire et logé·e sur place.",
    "Une formation au départ et un suivi régulier sont assurés.",
    "Vous contribuerez aussi à {a3} et à la capitalisation des pratiques.",
    "Le volontaire travaillera en lien étroit avec les habitants et les autorités locales.",
)
EN_SENTENCES = (
    "Within a local team, you will take part in {a1} and {a2}.",
    "The mission is part of a {a1} programme run with our partners.",
    "You will be hosted by the partner organisation and housed on site.",
    "Pre-departure training and regular follow-up are provided.",
    "You will also contribute to {a3} and to sharing good practice.",
    "The volunteer will work closely with residents and local authorities.",
)
SKILLS = (
    "pédagogie", "gestion de projet", "anglais courant", "espagnol", "permis B",
    "comptabilité", "soins infirmiers", "agronomie", "communication", "informatique",
    "animation", "travail en équipe", "logistique", "hydraulique", "photographie",
)  # fmt: skip
