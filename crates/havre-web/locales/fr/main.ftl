# Havre — textes français (langue par défaut)

## Cadre des pages
skip-to-content = Aller au contenu
switch-language = English
logout = Se déconnecter
nav-label = Navigation principale
form-has-errors = Le formulaire contient des erreurs : voyez les messages sous les champs. Rien n'a été enregistré.
footer = Havre — logiciel libre pour les organismes qui accompagnent les femmes, les adolescentes et les enfants ayant vécu de la violence.
back-home = Retour à l'accueil
cancel = Annuler
save = Enregistrer
yes = Oui
no = Non
status = État
actions = Actions
created-at = Créé le
organization = Organisme

## Navigation
nav-home = Accueil
nav-waitlist = Liste d'attente
nav-files = Dossiers
nav-prevention = Prévention
nav-hours = Heures
nav-reports = Rapports
nav-governance = Gouvernance
nav-service-requests = Demandes de service
nav-network = Regroupement
nav-users = Comptes
nav-audit = Journal d'audit
nav-organization = Organisme
nav-account = Mon compte

## Sections à venir
section-not-yet = Cette section n'est pas encore offerte dans cette version de Havre.
section-reports = Le rapport annuel d'activités, ses tableaux et ses graphiques.
section-governance = Les documents du conseil d'administration et le rapport publié.
section-service-requests = Les demandes de service que vous déposez pour les personnes que vous accompagnez, et leur suivi.
section-network = Les statistiques agrégées des organismes membres du regroupement.

## Rôles
role-administrator = Administratrice
role-coordinator = Coordonnatrice
role-service_area_lead = Chargée de volet
role-caseworker = Intervenante
role-prevention_worker = Intervenante en prévention
role-board_member = Membre du conseil d'administration
role-volunteer = Militante
role-clinical_supervisor = Superviseure clinique
role-partner_caseworker = Intervenante d'un organisme partenaire
role-network_analyst = Analyste du regroupement

## Connexion
login-title = Connexion
field-email = Courriel
field-password = Mot de passe
login-submit = Se connecter
login-refused = Courriel ou mot de passe incorrect.
login-throttled = Trop de tentatives. Attendez quelques minutes avant de réessayer.
totp-login-title = Code de vérification
totp-login-help = Entrez le code à six chiffres affiché par votre application d'authentification.
field-totp-code = Code à six chiffres
totp-refused = Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et entrez le code affiché maintenant.

## Accueil
home-title = Accueil
home-welcome = Bonjour { $name }
home-roles = Vos rôles : { $roles }.

## Mon compte
account-title = Mon compte
password-change-title = Changer mon mot de passe
password-rules = Au moins 12 caractères. Une phrase de plusieurs mots est plus facile à retenir et plus sûre. Les mots de passe courants sont refusés.
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
password-change-submit = Changer le mot de passe
totp-title = Double authentification
totp-is-on = La double authentification est activée pour votre compte.
totp-is-off = La double authentification n'est pas activée. Elle protège les dossiers même si votre mot de passe est découvert.
totp-enrol = Activer la double authentification
tokens-title = Jetons d'API
tokens-help = Un jeton permet à un script d'utiliser l'API en votre nom. Il n'est affiché qu'une fois; révoquez-le dès qu'il ne sert plus.
token-shown-once = Copiez ce jeton maintenant : il ne sera plus jamais affiché.
token-created = Jeton créé.
field-label = Nom
field-scope = Portée
scope-read = Lecture seulement
scope-write = Lecture et écriture
token-revoked = Révoqué
token-active = Actif
token-revoke = Révoquer
token-create = Créer un jeton
sessions-title = Sessions
logout-everywhere = Me déconnecter de tous les appareils

## Double authentification
totp-enrol-title = Activer la double authentification
totp-required = Votre organisme exige la double authentification pour les comptes qui consultent des dossiers. Activez-la pour continuer.
totp-step-app = Installez une application d'authentification (par exemple FreeOTP, Aegis ou celle de votre téléphone).
totp-step-scan = Scannez ce code avec l'application :
totp-qr-label = Code QR de la double authentification
totp-step-secret = Ou, si l'application ne peut pas scanner, entrez cette clé :
totp-uri = Adresse otpauth (pour un code QR)
totp-step-code = Entrez le code à six chiffres que l'application affiche.
totp-confirm = Activer
totp-already-enabled = La double authentification est déjà activée.

## Comptes
users-title = Comptes de l'organisme
field-name = Nom
field-roles = Rôles
field-initial-password = Mot de passe initial
user-active = Actif
user-inactive = Désactivé
user-create-title = Créer un compte
user-create-submit = Créer le compte
user-created = Le compte de { $name } a été créé.
roles-change-ends-sessions = Un changement de rôles ou une désactivation déconnecte la personne de toutes ses sessions.
audit-of-user = Voir le journal d'audit de ce compte
user-password-title = Donner un nouveau mot de passe
user-password-help = Pour une personne qui a oublié le sien. Transmettez-le-lui de vive voix; elle pourra le changer dans « Mon compte ». Ses sessions sont fermées.
field-password-new = Nouveau mot de passe
user-password-submit = Enregistrer le mot de passe
user-password-set = Le mot de passe a été changé et les sessions de la personne ont été fermées.
user-totp-title = Double authentification
user-totp-help = Si la personne a perdu son téléphone : la double authentification est retirée et elle devra l'activer de nouveau à sa prochaine connexion.
user-totp-reset = Réinitialiser la double authentification
user-totp-was-reset = La double authentification a été réinitialisée.

## Messages aux champs
field-required = Ce champ est obligatoire.
field-invalid = Cette valeur n'est pas valide.
organization-exists = Un organisme porte déjà ce nom.
email-invalid = Entrez une adresse courriel complète, par exemple nom@organisme.org.
email-taken = Un compte utilise déjà ce courriel.
roles-required = Choisissez au moins un rôle.
roles-invalid = Un des rôles choisis n'existe pas dans ce type d'organisme.
cannot-demote-self = Vous ne pouvez pas retirer votre propre rôle d'administratrice ni désactiver votre compte.
password-too-short = Le mot de passe doit compter au moins 12 caractères.
password-too-long = Le mot de passe doit compter au plus 256 caractères.
password-too-common = Ce mot de passe est trop courant ou trop facile à deviner. Choisissez une phrase de plusieurs mots.
password-wrong = Le mot de passe actuel est incorrect.

## Journal d'audit
audit-title = Journal d'audit
audit-help = Chaque consultation de dossier, chaque modification, chaque exportation et chaque connexion est inscrite ici. Les entrées sont enchaînées : une entrée modifiée ou supprimée est détectée.
audit-when = Quand
audit-who = Qui
audit-from = D'où
audit-what = Quoi
audit-target = Sur
audit-empty = Aucune entrée.
audit-unknown-account = Compte inconnu
audit-operator = Exploitation (ligne de commande)
audit-kind-user = Compte
audit-kind-api_token = Jeton d'API
audit-kind-organization = Organisme
audit-action-login-succeeded = Connexion réussie
audit-action-login-failed = Connexion refusée
audit-action-login-throttled = Connexion freinée (trop de tentatives)
audit-action-login-second-factor-failed = Code de vérification refusé
audit-action-logout = Déconnexion
audit-action-logout-everywhere = Déconnexion de tous les appareils
audit-action-password-changed = Mot de passe changé
audit-action-totp-enabled = Double authentification activée
audit-action-totp-reset = Double authentification réinitialisée
audit-action-organization-created = Organisme créé
audit-action-organization-updated = Paramètres de l'organisme modifiés
audit-action-user-created = Compte créé
audit-action-user-updated = Compte modifié
audit-action-user-roles-changed = Rôles modifiés
audit-action-token-created = Jeton d'API créé
audit-action-token-revoked = Jeton d'API révoqué
audit-action-backup-made = Copie de sauvegarde faite
audit-action-backup-restored = Copie de sauvegarde restaurée
audit-action-keys-rotated = Clés de chiffrement renouvelées
audit-action-audit-read = Journal d'audit consulté

## Paramètres de l'organisme
organization-title = Paramètres de l'organisme
organization-public-link = voir la page publique
organization-security = Sécurité
organization-require-totp = Exiger la double authentification des comptes qui consultent des dossiers
organization-require-totp-help = Recommandé. Les coordonnatrices, chargées de volet, intervenantes et administratrices devront l'activer à leur prochaine connexion.
organization-lines-help = Les lignes affichées sur la page publique. Laissez une rangée vide pour ne rien afficher.
organization-line = Ligne { $number }
field-line-label = Nom de la ligne
field-line-number = Numéro
field-line-hours = Heures
organization-saved = Les paramètres ont été enregistrés.
phone-invalid = Entrez un numéro de téléphone, par exemple 418 555-0142.
field-too-long = Ce texte est trop long.
too-many-lines = Six lignes au plus.

## Page publique
public-title = Organisme
public-intro = Vous pouvez nous joindre en toute confidentialité. Nos services sont gratuits.
public-lines = Nous joindre
public-hours = Heures d'ouverture
public-territory = Territoire desservi
quick-exit = Sortie rapide
quick-exit-help = Le bouton « Sortie rapide » ou deux appuis sur Échap quittent cette page aussitôt pour un site neutre. Pensez aussi à effacer votre historique de navigation.

## Erreurs
problem-not-found = Page introuvable
problem-not-found-detail = Cette page n'existe pas ou vous n'y avez pas accès.
problem-unauthorized = Connexion requise
problem-unauthorized-detail = Connectez-vous, ou fournissez un jeton d'API valide.
problem-forbidden = Accès refusé
problem-forbidden-detail = Vos rôles ne donnent pas accès à cette page.
problem-csrf = Formulaire expiré
problem-csrf-detail = Ce formulaire a expiré ou ne vient pas de Havre. Rechargez la page et recommencez.
problem-invalid = Données invalides
problem-invalid-detail = Certaines valeurs ne sont pas valides. Rien n'a été enregistré.
problem-second-factor-required = Double authentification requise
problem-second-factor-required-detail = Activez la double authentification de votre compte avant de continuer.
problem-unavailable = Service momentanément surchargé
problem-unavailable-detail = Trop de demandes en même temps. Réessayez dans quelques secondes.
problem-internal = Erreur interne
problem-internal-detail = Une erreur inattendue est survenue. Rien n'a été perdu de ce qui était déjà enregistré; réessayez.

## Demandes d'aide
date-in-future = Cette date est dans le futur.
birth-year-after-request = L'année de naissance est postérieure à la date de la demande.
exception-reason-required = Une demande qui n'est pas faite par la personne elle-même demande une raison.
value-required = Choisissez une valeur.
value-not-in-list = Cette valeur ne fait pas partie de la liste.
override-reason-required = Un code différent du code proposé demande la raison clinique.
teenager-never-code-three = Une adolescente n'est jamais en code 3.
body-invalid = Le contenu envoyé n'est pas un JSON valide de la forme attendue.
audit-action-help-request-recorded = Demande d'aide enregistrée
audit-kind-help_request = Demande d'aide
audit-action-help-request-wait-list-changed = Liste d'attente modifiée
meeting-before-request = La rencontre ne peut pas précéder la demande.

## Demande d'aide (écran de l'appel)
intake-title = Nouvelle demande d'aide
intake-help = Remplissez pendant l'appel, dans l'ordre de la conversation. Tab passe au champ suivant, Entrée enregistre.
intake-new = Nouvelle demande d'aide
intake-call = L'appel
field-date = Date
field-time = Heure
date-time-required = Entrez la date et l'heure de la demande.
field-channel = Moyen de la demande
channel-phone = Téléphone
channel-text_line = Ligne texto
channel-social_network = Message sur un réseau social
channel-web_form = Formulaire Web
channel-walk_in = En personne
channel-referral = Référence
list-requester = La personne qui demande de l'aide
list-assault_form = Formes d'agression sexuelle
list-age_at_assault = Âge lors de l'agression
list-age_at_request = Âge lors de la demande d'aide
list-relation = Lien avec les agresseurs
list-referral_source = Source de référence
list-residence = Lieu de résidence
list-disposition_request = Disposition après la demande d'aide
list-disposition_first_meeting = Disposition après la première rencontre
choose = Choisir…
field-voluntary = La personne fait la demande elle-même (démarche volontaire)
field-exception-reason = Sinon, raison de l'exception
intake-person = La personne
field-phone = Téléphone
field-birth-year = Année de naissance
field-age-group = Âge
adult = Adulte
teenager = Adolescente
intake-safe-contact = Consignes de contact sécuritaire
safe-may-call = On peut l'appeler
safe-may-leave-message = On peut laisser un message
safe-may-say-our-name = On peut dire le nom de l'organisme
safe-hours = À quelles heures
safe-number = Numéro sécuritaire (s'il diffère)
intake-profile = Profil statistique
field-service_area = Volet
service_area-direct_help = Aide directe
service_area-exploitation = Exploitation sexuelle
service_area-all = Tous les volets
intake-answers = Questions de priorité
question-assault_within_a_year = Agression il y a moins d'un an
question-post_traumatic_stress = Signes de stress post-traumatique
question-high_distress = Détresse psychologique élevée
question-suicidal_ideas = Idées suicidaires en lien avec les agressions
question-basic_needs_unmet = Besoins de base non répondus
question-still_assaulted_or_at_risk = Vit toujours des agressions ou est à risque
question-adequate_social_network = A un réseau social adéquat
intake-exploitation = Volet exploitation sexuelle : critères de priorité
question-in_cycle_stages_1_to_7 = Dans les étapes 1 à 7 du cycle de l'exploitation
question-vulnerable_and_ambivalent = Vulnérable et ambivalente à retourner dans l'exploitation
question-no_past_or_present_services = Aucun service passé ou présent en lien avec les agressions
question-social_network_absent_or_inadequate = Réseau social absent, inadéquat ou insuffisant
question-out_less_than_six_months = Sortie du cycle depuis moins de 6 mois
question-daily_functioning_broken = Conséquences qui brisent le fonctionnement au quotidien
intake-decision = Code de priorité
intake-decision-help = Havre propose le code d'après les réponses. Pour en choisir un autre, donnez la raison (jugement clinique) : les deux codes sont conservés.
field-decided_code = Code retenu
decided-code-proposed = Le code proposé
decided_code-1 = Code 1
decided_code-2 = Code 2
decided_code-3 = Code 3
field-override-reason = Raison du changement de code
intake-submit = Enregistrer la demande
intake-recorded = La demande a été enregistrée en code { $code }.

## Liste d'attente
filter = Filtrer
waitlist-by-code = Attente par code
code = Code
code-n = Code { $code }
waiting-count = En attente
median-wait = Attente médiane
longest-wait = Attente la plus longue
waitlist-requests = Demandes en attente, par code puis par date
received = Reçue le
waiting = Attente
assigned-to = Intervenante
first-meeting = Première rencontre
proposed-n = proposé : { $code }
request-n = { $n ->
    [1] 1re demande
   *[other] { $n }e demande
  }
waitlist-empty = Personne n'attend.
days = { $n ->
    [0] 0 jour
    [1] 1 jour
   *[other] { $n } jours
}

## Références des centres désignés
overdue-referrals = Rappels en retard (centres désignés)
overdue-referrals-none = Aucun rappel en retard.
overdue-referrals-count = { $n ->
    [1] Une personne référée n'a pas été jointe 24 heures après la réception.
   *[other] { $n } personnes référées n'ont pas été jointes 24 heures après la réception.
}
designated-centre = Centre désigné
callback-attempts = Tentatives d'appel
attempts = { $n ->
    [0] aucune
    [1] 1 tentative
   *[other] { $n } tentatives
}
past-48-hours = plus de 48 h
attempt-before-referral = L'appel ne peut pas précéder la réception de la référence.
audit-action-referral-received = Référence reçue d'un centre désigné
audit-action-referral-attempt = Tentative de rappel
audit-kind-referral = Référence
duration-invalid = Entrez une durée en minutes, d'une minute à moins de 24 heures.
period-invalid = La fin de la période précède son début.
audit-action-help-request-read = Demande d'aide consultée
safe-do-not-call = Ne pas l'appeler
safe-no-message = Ne pas laisser de message
safe-do-not-say-our-name = Ne pas dire le nom de l'organisme
assign-title = Confier la demande
field-user_id = Intervenante
assign-submit = Confier
book-title = Fixer la première rencontre
field-place = Lieu
book-submit = Fixer la rencontre
close-title = Retirer de la liste d'attente
field-reason = Raison
close_reason-no_longer_wishes_help = Ne souhaite plus d'aide
close_reason-referred_elsewhere = Référée ailleurs
close_reason-unreachable = Impossible à joindre
close-submit = Retirer de la liste
back-to-waitlist = Retour à la liste d'attente
waitlist-shown = Demandes { $from } à { $to } sur { $total }
pager = Pages de la liste
pager-previous = Demandes précédentes
pager-next = Demandes suivantes
calls-title = Appels et références
referrals-title = Références des centres désignés à rappeler
referrals-none = Aucune référence à rappeler.
referral-reached = Jointe
field-note = Note
attempt-submit = Noter l'appel
attempt-recorded = L'appel a été noté.
referral-new = Nouvelle référence reçue
referral-submit = Enregistrer la référence
referral-recorded = La référence a été enregistrée.
callback-upcoming = à rappeler dans les 24 h
callback-overdue = rappel en retard
callback-late = plus de 48 h sans rappel
call-title = Appel d'écoute ou d'information
call-help = Un appel qui n'ouvre pas de dossier : rien n'y nomme la personne.
field-duration = Durée (minutes)
field-topic = Sujet
field-referral-given = Référence donnée (ressource)
call-submit = Noter l'appel
call-logged = L'appel a été noté.
unmet-title = Demande non répondue
turn_away-no_capacity = Manque de place
turn_away-outside_mandate = Hors mandat
turn_away-outside_territory = Hors territoire
turn_away-referred_elsewhere = Référée ailleurs
turn_away-other = Autre
unmet-submit = Noter la demande non répondue
unmet-recorded = La demande non répondue a été notée.
lists-title = Listes de l'organisme
lists-help = Les valeurs proposées dans les demandes d'aide. Une valeur renommée garde sa place dans les demandes passées; une valeur retirée n'est plus proposée, mais les demandes qui la portent la gardent.
label-fr = Libellé français
label-en = Libellé anglais
rename = Renommer
retire = Retirer
value-retired = Retirée
hour-categories-title = Catégories d'heures investies
hour-categories-help = Les catégories de la feuille de temps, par volet, comme dans les tableaux « En résumé » du rapport annuel. Une catégorie renommée garde ses heures; une catégorie retirée n'est plus proposée, mais ses heures restent comptées dans le rapport.
hour-category-new = Nouvelle catégorie
offer-again = Proposer de nouveau
value-offered = Proposée
value-new = Nouvelle valeur
add = Ajouter

## Person files (dossiers)
list-place = Lieux partenaires (écoles, maisons de jeunes, organismes)
list-call_topic = Sujets des appels d'écoute
file-title = Dossier
my-files = Mes dossiers
my-files-none = Aucun dossier ne vous est assigné.
open-files = Dossiers en cours
open-files-none = Aucun dossier en cours.
exceptional-accesses = Accès exceptionnels (30 derniers jours)
exceptional-accesses-none = Aucun accès exceptionnel.
when = Quand
who = Qui
what = Quoi
episode = Épisode
episodes = Épisodes
last-meeting = Dernière rencontre
near-limits = Près d'une limite
episode-waiting = En attente
episode-in_service = En suivi
episode-closed = Fermé
services-started = Début des services
closing_reason-objectives_met = Objectifs atteints
closing_reason-no_longer_wishes_help = Ne souhaite plus d'aide
closing_reason-referred_elsewhere = Référée à une autre ressource
closing_reason-unreachable = Injoignable
closing_reason-other = Autre raison
limit-use = { $kind } : { $used } / { $limit }
meeting_kind-first_meeting = Première rencontre
meeting_kind-emergency = Rencontre d'urgence
meeting_kind-follow_up = Suivi individuel
meeting_kind-relatives = Soutien à l'entourage
meeting_kind-accompaniment_compensation = Accompagnement IVAC
meeting_kind-accompaniment_court = Accompagnement judiciaire
meeting_kind-accompaniment_medical = Accompagnement médical
meeting_kind-accompaniment_rights = Défense de droits
meeting_kind-designated_centre = Suivi d'une référence de centre désigné
meeting_kind-exploitation_follow_up = Suivi en exploitation sexuelle
meeting_kind-peer_dialogue = Rencontre de dialogue (paire aidante)
meeting_kind-text_line = Intervention par texto ou clavardage
place-centre = Au centre
place-partner_premises = Lieu partenaire
place-home = À domicile
place-phone = Par téléphone
place-video = Par visioconférence
meeting-around = prép. { $preparation } · bilan { $debrief } · dépl. { $travel }
field-meeting_kind = Type de rencontre
field-place_kind = Lieu
field-place_id = Lieu partenaire
field-relative_id = Personne de l'entourage rencontrée
field-staff = Intervenantes présentes
field-meeting_duration = Durée de la rencontre (minutes)
field-duration-short = Durée
field-preparation = Préparation (minutes)
field-debrief = Retour et notes (minutes)
field-travel = Déplacement (minutes)
field-over_limit_reason = Raison de dépasser la limite (si elle est atteinte)
field-relation = Lien avec la personne
field-relative_name = Nom de la personne de l'entourage
field-closing_reason = Raison de la fermeture
not-applicable = Sans objet
size-kb = { $n } Ko
relation-partner = Conjoint·e ou partenaire
relation-parent = Parent
relation-child = Enfant
relation-sibling = Frère ou sœur
relation-friend = Ami·e
relation-other = Autre personne significative
access-title = Dossier non assigné
access-explained = Ce dossier ne vous est pas assigné. Pour l'ouvrir, écrivez pourquoi : la coordonnatrice verra votre raison, et l'accès est inscrit au journal.
access-reason = Raison de l'accès
access-submit = Ouvrir le dossier
access-until = Accès exceptionnel, jusqu'au { $until }.
back-to-files = Retour aux dossiers
meeting-recorded = Rencontre enregistrée.
meeting-recorded-last = Rencontre enregistrée. C'était la dernière rencontre permise par la limite de { $limit } : une prochaine demandera une raison.
note-saved = Note enregistrée.
attachment-saved = Pièce jointe enregistrée.
saved = Enregistré.
meeting-record = Noter une rencontre
meeting-submit = Enregistrer la rencontre
timeline = Rencontres et accompagnements
timeline-none = Aucune rencontre pour l'instant.
time-around = Temps autour
hours-invested = Heures investies
over-limit = Au-delà de la limite
notes = Notes
note-new = Nouvelle note
note-submit = Ajouter la note
attachments = Pièces jointes
attachment-file = Document (PDF, PNG, JPEG ou texte, 5 Mo au plus)
attachment-submit = Joindre le document
relatives = Entourage
relative-submit = Ajouter à l'entourage
caseworkers = Intervenantes au dossier
episode-close = Fermer l'épisode
episode-close-submit = Fermer l'épisode
file-reads = Consultations du dossier
access-reason-required = Écrivez la raison de l'accès (au moins 10 caractères).
note-required = Écrivez la note (20 000 caractères au plus).
attachment-too-large = Ce document dépasse 5 Mo.
attachment-type-refused = Ce type de document n'est pas accepté : PDF, PNG, JPEG ou texte seulement.
episode-not-open = Ce dossier n'a pas d'épisode en cours : une nouvelle demande d'aide en ouvre un.
date-too-far = Cette date est à plus d'un an.
duration-out-of-range = La durée doit être d'une minute à 12 heures.
time-out-of-range = Ce temps doit être de 0 à 12 heures.
time-over-a-day = La rencontre et le temps autour dépassent 24 heures.
limit-reason-required = La limite est atteinte : écrivez la raison de la dépasser.
minutes-invalid = Écrivez un nombre entier de minutes.
problem-access-reason-required = Raison requise
problem-access-reason-required-detail = Ce dossier ne vous est pas assigné : donnez une raison pour l'ouvrir.
problem-too-large = Document trop volumineux
problem-too-large-detail = L'envoi dépasse la taille permise.
audit-action-file-read = Lecture d'un dossier
audit-action-file-access-exceptional = Accès exceptionnel à un dossier
audit-action-file-caseworker-assigned = Intervenante assignée au dossier
audit-action-file-note-added = Note ajoutée
audit-action-file-attachment-added = Pièce jointe ajoutée
audit-action-file-attachment-read = Pièce jointe consultée
audit-action-file-relative-added = Personne de l'entourage ajoutée
audit-action-file-episode-closed = Épisode fermé
audit-action-meeting-recorded = Rencontre enregistrée
my-week = Mes rencontres de la semaine
my-week-none = Aucune rencontre cette semaine.
files-near-limit = Mes dossiers près d'une limite
files-near-limit-none = Aucun dossier près d'une limite.

## Groups, drop-ins, emergency fund
direct-help-pages = Pages de l'aide directe
groups-title = Groupes de cheminement
group-title = Groupe
groups-list = Groupes
groups-none = Aucun groupe pour l'instant.
group-new = Nouveau groupe
group-create = Créer le groupe
group-figures = Le groupe en chiffres
group-members = Participantes
group-members-none = Aucune participante inscrite.
group-sessions = Rencontres du groupe
group-sessions-none = Aucune rencontre notée.
back-to-groups = Retour aux groupes
places = Places : { $places }
women-at-start = Femmes au début
women-at-end = Femmes à la fin
meetings-held = Rencontres tenues
attendance-total = Présences
preparation-hours = Préparation et retour
facilitation-hours = Heures d'animation
group-information-figures = { $n ->
    [one] { $n } femme
   *[other] { $n } femmes
  }, préparation { $preparation }, { $hours }
group-check-in-figures = { $n ->
    [one] { $n } femme rencontrée
   *[other] { $n } femmes rencontrées
  }, { $hours }
n-women = { $n ->
    [one] { $n } femme
   *[other] { $n } femmes
  }
enrolled-on = Inscrite le
left-on = Partie le
meetings-attended = Rencontres suivies
withdraw = Retirer { $name } du groupe
enrol-submit = Inscrire au groupe
session-record = Noter une rencontre du groupe
session-submit = Enregistrer
session-information = Rencontre d'information
session-meeting = Rencontre du groupe
session-check_in = Bilan mi-groupe
field-group_name = Nom du groupe
field-starts_on = Début du groupe
field-capacity = Nombre de places
field-planned_meetings = Nombre de rencontres prévues
field-meeting_minutes = Durée d'une rencontre (minutes)
field-facilitators = Animatrices
field-session_kind = Type de rencontre
field-group_preparation = Préparation et retour (minutes, pour l'équipe)
field-present = Présentes
field-headcount = Nombre de femmes (rencontre d'information)
field-check_in_person = Femme rencontrée (bilan mi-groupe)
field-enrol_request = Demande sur la liste d'attente
capacity-out-of-range = Le nombre de places doit être de 1 à 30.
planned-out-of-range = Le nombre de rencontres doit être de 1 à 60.
count-out-of-range = Écrivez un nombre de 0 à 200.
number-invalid = Écrivez un nombre entier.
not-a-member = Cette femme n'était pas inscrite au groupe à cette date.
group-full = Le groupe est complet.
already-enrolled = Cette femme est déjà inscrite au groupe.
enrolment-date-invalid = La date d'inscription ne peut pas précéder la demande ni être dans le futur.
dropins-title = Cafés-rencontres
dropins-total = { $n ->
    [one] { $n } café-rencontre
   *[other] { $n } cafés-rencontres
  }, { $people } présences en tout.
dropin-new = Noter un café-rencontre
dropin-submit = Enregistrer le café-rencontre
field-theme = Thème
field-attendance = Nombre de participantes
fund-title = Fonds d'urgence
fund-balance = Solde du fonds
fund-deposited = Versé au fonds
fund-granted = Accordé
fund-pending = Demandes en attente
fund-entries = Mouvements du fonds
fund-entries-none = Aucun mouvement pour l'instant.
fund-deposit = Verser au fonds
fund-deposit-submit = Verser
fund-approve = Accorder
fund-refuse = Refuser
fund-requests = Fonds d'urgence
fund-request-submit = Demander au comité
fund-request-saved = Demande transmise au comité.
fund-kind-deposit = Versement
fund-kind-request = Demande
fund-status-received = Reçu
fund-status-pending = En attente du comité
fund-status-approved = Accordée
fund-status-refused = Refusée
purpose-gift_card = Carte-cadeau
purpose-bill = Facture payée
purpose-food = Nourriture
purpose-transport = Transport
purpose-other = Autre besoin
field-amount = Montant ($)
field-purpose = Pour quoi
field-fund_note = Le besoin, en quelques mots
field-granted = Montant accordé ($)
field-decision_note = Note du comité
field-source = Provenance (don, subvention)
amount-invalid = Écrivez un montant de 0,01 $ à 10 000 $, par exemple 25,50.
fund-insufficient = Le solde du fonds ne permet pas d'accorder ce montant.
audit-action-group-created = Groupe créé
audit-action-group-read = Groupe consulté
audit-action-group-enrolment = Inscription à un groupe
audit-action-group-withdrawal = Départ d'un groupe
audit-action-group-session-recorded = Rencontre de groupe notée
audit-action-dropin-recorded = Café-rencontre noté
audit-action-fund-changed = Fonds d'urgence modifié
organization-limits = Limites des services
organization-limits-help = Havre avertit à la dernière rencontre permise et demande une raison pour dépasser la limite.
field-limit_emergency = Rencontres d'urgence par demande
field-limit_follow_up = Rencontres de suivi individuel par demande
field-limit_relatives = Rencontres pour chaque personne de l'entourage
limit-out-of-range = La limite doit être un nombre de 1 à 100.
open-file = Ouvrir son dossier
audit-action-fund-read = Fonds d'urgence consulté
date-out-of-range = Cette date est hors des limites permises.
person-edit = Modifier ses coordonnées et ses consignes de contact
person-submit = Enregistrer les coordonnées
person-saved = Coordonnées et consignes enregistrées.
audit-action-file-person-updated = Coordonnées d'une personne modifiées
meeting-remove = Retirer la rencontre du { $when } (notée par erreur)
meeting-removed = Rencontre retirée.
audit-action-meeting-removed = Rencontre retirée
audit-action-prevention-changed = Prévention modifiée
more-respondents-than-participants = Il y a plus de répondantes que de personnes présentes à cette animation.
more-answers-than-respondents = Une question a plus de réponses qu'il n'y a de répondantes.
groups-out-of-range = Écrivez un nombre de 0 à 60.
people-out-of-range = Écrivez un nombre de 0 à 3 000.
respondents-out-of-range = Écrivez un nombre de 1 à 3 000.

## Prevention
prevention-pages = Pages de la prévention
animations-title = Animations
animation-record = Noter une animation
animation-submit = Enregistrer l'animation
animation-saved = Animation enregistrée.
animations-by-workshop = Animations par atelier, { $year }
animations-by-place = Animations par lieu (saison de chaque école), { $year }
animations-none = Aucune animation cette année.
season-title = Saison par école
season-show = Afficher
season-animations = Animations de l'année { $year }
season-by-workshop = Par atelier, { $year }
year-previous = Année précédente
year-next = Année suivante
animation-remove = Retirer
outreach-title = Matériel et réseaux sociaux
outreach-totals = Totaux de l'année { $year }
outreach-none = Aucun chiffre cette année.
outreach-record = Noter un chiffre
outreach-help = Par exemple : « T-shirts de la journée d'action » (matériel, 472) ou « Portée des publications Facebook » (réseaux sociaux, 12 500). Les chiffres de même libellé s'additionnent sur l'année.
outreach-submit = Enregistrer le chiffre
outreach-entries = Chiffres notés cette année
outreach_kind-material = Matériel distribué
outreach_kind-social_media = Réseaux sociaux
field-outreach_kind = Type
field-outreach_label = Libellé
field-quantity = Nombre
animations-count = Animations
class-groups = Groupes classes joints
students = Élèves joints
school-staff = Personnel scolaire
facilitation-time = Temps d'animation
travel-time = Temps de déplacement
preparation-time = Préparation
total = Total
places-help = Les écoles, maisons de jeunes et organismes s'ajoutent à la liste des lieux partenaires (Organisme → Listes).
field-workshop = Atelier
field-class_groups = Groupes classes joints
field-students = Élèves
field-staff_participants = Enseignantes et personnel présents
field-facilitation = Temps d'animation (minutes)
programs-title = Programmes et ateliers
programs-none = Aucun programme pour l'instant.
program-new = Nouveau programme
program-create = Créer le programme
field-program = Programme
field-program_name = Nom du programme
workshop-new = Nouvel atelier
workshop-create = Ajouter l'atelier
workshop-n = Atelier { $n }
field-workshop_number = Numéro de l'atelier
field-workshop_title = Titre de l'atelier
objective = Objectif
field-questions = Questions de l'évaluation (une par ligne)
questions = Questions
questions-n = { $n ->
    [one] { $n } question d'évaluation
   *[other] { $n } questions d'évaluation
  }
evaluations-title = Évaluations
choose-workshop = Voir cet atelier
evaluations-year = Année { $year }
respondents-n = { $n ->
    [0] aucune répondante
    [one] { $n } répondante
   *[other] { $n } répondantes
  }
scale-not_at_all = pas du tout
scale-a_little = un peu
scale-yes = oui
scale-a_lot = beaucoup
answers-count = Réponses
evaluations-enter = Saisir des évaluations
evaluations-help = Un formulaire rempli : 1 répondante et une réponse par question. Une pile de formulaires : leur nombre et, pour chaque question, combien ont répondu 1, 2, 3 et 4.
field-respondents = Nombre de formulaires
evaluations-submit = Enregistrer les évaluations
trainings-title = Formations données
trainings-total = { $n ->
    [one] { $n } formation
   *[other] { $n } formations
  } cette année, { $people } personnes formées.
training-record = Noter une formation donnée
training-submit = Enregistrer la formation
training-saved = Formation enregistrée.
field-audience = Public
field-training_title = Titre de la formation
field-participants = Nombre de participantes et participants
field-training_minutes = Durée (minutes)
audience-school_staff = Personnel scolaire
audience-police = Policières et policiers
audience-caseworkers = Intervenantes et intervenants
audience-other = Autre public
audit-action-hours-changed = Heures modifiées
hours-out-of-range = Écrivez une durée d'une minute à 24 heures.
report-period-invalid = Choisissez une période dont le premier jour vient avant le dernier, à partir de l'an 2000.
day-over-24-hours = Une journée compterait plus de 24 heures avec ce qui est déjà noté.
cell-repeated = Une même case est donnée deux fois.
too-many-cells = Trop de cases à la fois : enregistrez une semaine à la fois.

## Hours
week-of = Semaine du { $date }
week-previous = Semaine précédente
week-next = Semaine suivante
timesheet-help = Écrivez le temps comme vous l'écrivez d'habitude : 3 h 30, 3,5 ou 45 min. Chaque case est votre temps de la journée dans cette catégorie : corrigez-la au besoin, ou videz-la pour l'effacer.
hours-changed-meanwhile = Cette semaine a changé entre-temps (dans une autre fenêtre ?). Rechargez la page et corrigez de nouveau.
timesheet-submit = Enregistrer la semaine
hours-category = Catégorie
hours-logged = Semaine
hours-logged-day = Total du jour
hours-per-area = Heures investies par volet, { $year }
hours-area = Volet
hours-invalid = Une case ne se lit pas comme une durée : écrivez par exemple 3 h 30, 3,5 ou 45 min.
day-monday = lun.
day-tuesday = mar.
day-wednesday = mer.
day-thursday = jeu.
day-friday = ven.
day-saturday = sam.
day-sunday = dim.
hours_area-internal_management = Gestion interne
hours_area-direct_help = Aide directe
hours_area-prevention = Prévention, sensibilisation, promotion
hours_area-representation = Représentation et lutte
hours_area-exploitation = Exploitation sexuelle
hours_area-activism = Militantisme
trainings-received = Formations reçues par l'équipe, { $year }
field-trainer = Formatrice ou organisme
field-length = Durée (3 h 30, 6, 45 min)
field-workers = Nombre de travailleuses
training-received-submit = Noter la formation reçue
field-evaluation_date = Date de l'atelier
