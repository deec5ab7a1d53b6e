# French of France (docs/care.md "French of France"): only the words that differ from the
# French of Québec in ../fr/main.ftl. Every other message falls back to it, key by key. A message
# here may not refer to another message: references resolve within this file only.

house-region = Département
organization-year-help = Janvier pour l'année civile, le cas le plus courant ; sinon, le mois où commence votre exercice. Le rapport, la saison de prévention et les heures de l'année suivent ce choix.
organization-clock-help = Les jours, les semaines et les exercices sont comptés à l'heure de ce fuseau (nom IANA, par exemple Europe/Paris), changements d'heure compris.
time-zone-unknown = Ce fuseau horaire n'existe pas. Inscrivez un nom IANA, par exemple Europe/Paris.
phone-invalid = Entrez un numéro de téléphone, par exemple 01 23 45 67 89.
role-coordinator = Coordinatrice
organization-require-totp-help = Recommandé. Les coordinatrices, cheffes de pôle, intervenantes et administratrices devront l'activer à leur prochaine connexion.
access-explained = Ce dossier ne vous est pas attribué. Pour l'ouvrir, écrivez pourquoi : la coordinatrice verra votre raison, et l'accès est inscrit au journal.
role-volunteer = Bénévole
member_kind-worker = Salariée
member_kind-activist = Bénévole
request_source-calacs = Une association d'aide aux victimes
request_source-social_services = Services sociaux ou ASE
meeting_kind-accompaniment_compensation = Accompagnement vers l'indemnisation (CIVI)
report-line-accompaniment_compensation = Démarches d'indemnisation (CIVI)
destination-first_stage_shelter = Hébergement d'urgence (CHRS, mise à l'abri)
destination-another_shelter = Autre hébergement temporaire ou logement accompagné
destination-social_housing = Logement social
channel-text_line = Ligne SMS
meeting_kind-text_line = Intervention par SMS ou tchat
report-line-text_line = Interventions par SMS ou tchat
groups-title = Groupes de parole
report-table-groups = Groupes de parole
nav-network = Réseau
role-network_analyst = Analyste du réseau
governance-board-meetings = Réunions du collectif ou du conseil d'administration
house-residents = Femmes hébergées
report-row-fund-women = Femmes accompagnées
role-privacy_officer = Délégué·e à la protection des données
privacy-officer = Délégué·e à la protection des données (DPO)
public-privacy-officer = Délégué·e à la protection des données :
files-concerned-hint = Par leur référence, jamais par un nom : le registre est présenté à la CNIL sur demande.
serious-risk-hint = En cas de risque élevé pour les personnes, notifiez la CNIL dans les 72 heures et informez les personnes concernées.
field-regulator_notified_on = CNIL notifiée le
complaint-report-intro = Les plaintes reçues dans l’année, leur nature et leur dénouement.
incident-register-intro = Chaque incident avec son évaluation, du plus ancien au plus récent, tel qu’il est présenté à la CNIL sur demande. Les dossiers y sont nommés par leur référence.
field-online_region = Votre département (facultatif)
