/**
 * The source catalog: the kiosk is written in French first, in the institution's own wording.
 * `as const` keeps each text as a literal type, so that i18n.svelte.ts can check the `{name}`
 * placeholders a caller must pass.
 */
export const fr = {
  'app.name': 'Guichet',
  'header.switchLanguage': 'English',
  'header.demo': 'Mode démonstration',

  'boot.loading': 'Démarrage de la borne…',
  'boot.failed.title': 'La borne ne répond pas',
  'boot.retry': 'Réessayer',

  'home.title': 'Que souhaitez-vous faire ?',
  'journey.findIdentifier.title': 'Trouver mon identifiant',
  'journey.findIdentifier.description': 'Avec votre numéro étudiant et votre date de naissance',
  'journey.activation.title': '1ère connexion',
  'journey.activation.description': 'Activer votre compte informatique',
  'journey.password.title': 'Mot de passe',
  'journey.password.description':
    "Changer votre mot de passe, ou en choisir un nouveau si vous l'avez oublié",
  'journey.mail.title': 'Rediriger mes mails',
  'journey.mail.description': 'Recevoir vos mails universitaires sur une autre adresse',
  'journey.connectionProblem.title': 'Problème de connexion',
  'journey.connectionProblem.description': 'Commencez par retrouver votre identifiant',
  'journey.soon': "Bientôt disponible — l'accueil peut vous aider",

  'soon.body':
    "Cette démarche n'est pas encore proposée sur cette borne. Adressez-vous à l'accueil : un agent vous aidera.",
  'common.backHome': "Retour à l'accueil",

  'identify.title': 'Trouver mon identifiant',
  'identify.intro': 'Saisissez votre numéro étudiant et votre date de naissance.',
  'identify.studentNumber.label': 'Numéro étudiant',
  'identify.studentNumber.hint': '{length} chiffres, inscrits sur votre carte étudiante',
  'identify.birthDate.label': 'Date de naissance (jjmmaaaa)',
  'identify.birthDate.hint': 'Par exemple 14032001 pour le 14 mars 2001',
  'identify.submit': 'Continuer',
  'identify.back': 'Retour',
  'identify.busy': 'Recherche en cours…',

  'field.studentNumber.required': 'Saisissez votre numéro étudiant.',
  'field.studentNumber.digits_only': 'Le numéro étudiant ne contient que des chiffres.',
  'field.studentNumber.length': 'Le numéro étudiant doit contenir {length} chiffres.',
  'field.studentNumber.invalid': 'Vérifiez votre numéro étudiant.',
  'field.birthDate.required': 'Saisissez votre date de naissance.',
  'field.birthDate.date_format': 'Saisissez 8 chiffres : jour, mois puis année (jjmmaaaa).',
  'field.birthDate.date_invalid': "Cette date n'existe pas. Vérifiez le jour et le mois.",
  'field.birthDate.date_future': 'La date de naissance ne peut pas être dans le futur.',
  'field.birthDate.date_too_old': "Vérifiez l'année de naissance.",
  'field.other.invalid': 'Vérifiez cette information.',

  'error.invalid_input': 'Certaines informations ne sont pas acceptées. Vérifiez votre saisie.',
  'error.identification_failed':
    "Nous ne trouvons pas d'étudiant avec ces informations. Vérifiez votre numéro étudiant et votre date de naissance.",
  'error.rate_limited':
    "Trop de tentatives. Patientez quelques minutes avant de réessayer, ou demandez de l'aide à l'accueil.",
  'error.network':
    "Le service des comptes est injoignable pour le moment. Réessayez dans un instant ; l'accueil peut aussi vous aider.",
  'error.timeout':
    'Le service des comptes met trop de temps à répondre. Réessayez dans un instant.',
  'error.unavailable':
    "Le service des comptes est momentanément indisponible. Réessayez plus tard ou adressez-vous à l'accueil.",
  'error.auth':
    "Cette borne n'est pas autorisée à interroger le service des comptes. Merci de prévenir l'accueil.",
  'error.not_found': "Nous n'avons pas trouvé cette information. L'accueil peut vous aider.",
  'error.conflict': 'Cette démarche est déjà en cours. Réessayez dans un instant.',
  'error.server':
    "Le service des comptes a rencontré un problème. Réessayez dans un instant ; l'accueil peut aussi vous aider.",
  'error.malformed_response':
    "Le service des comptes a donné une réponse inattendue. Réessayez ou adressez-vous à l'accueil.",
  'error.internal':
    "Un problème inattendu est survenu sur la borne. Réessayez ou adressez-vous à l'accueil.",

  'result.title': 'Bonjour {name}',
  'result.identifierLabel': 'IDENTIFIANT',
  'result.identifierHelp':
    "Avec cet identifiant et votre mot de passe, connectez-vous à l'ENT et à ses services.",
  'result.account': 'Compte informatique : {status}',
  'result.enrollments': 'Vos inscriptions {year}',
  'result.noEnrollment': "Aucune inscription trouvée pour l'année {year}.",
  'result.cacheNotice':
    'Réponse donnée par la copie locale de la borne : le service central est injoignable pour le moment. Ces informations peuvent dater de quelques jours.',
  'result.done': 'Terminer',

  'account.not_activated': 'à activer (« 1ère connexion »)',
  'account.active': 'activé',
  'account.locked': "verrouillé — l'accueil peut vous aider",
  'account.disabled': "désactivé — l'accueil peut vous aider",
} as const;
