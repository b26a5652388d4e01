/**
 * The source catalog: the kiosk is written in French first, in the institution's own wording.
 * `as const` keeps each text as a literal type, so that i18n.svelte.ts can check the `{name}`
 * placeholders a caller must pass. The journeys' own texts are in fr-journeys.ts,
 * staff mode's in fr-staff.ts, the help-desk console's in fr-console.ts.
 */
import { frConsole } from './fr-console';
import { frJourneys } from './fr-journeys';
import { frStaff } from './fr-staff';

const general = {
  'app.name': 'Guichet',
  'header.switchLanguage': 'English',
  'header.demo': 'Mode démonstration',
  'header.display': 'Affichage',
  'header.largeText': 'Texte plus grand',
  'header.highContrast': 'Contraste élevé',

  'boot.loading': 'Démarrage de la borne…',
  'boot.failed.title': 'La borne ne répond pas',
  'boot.retry': 'Réessayer',
  // The web host refused the page: its single-use opening link was already used, or is too old.
  'boot.closed.title': 'Cette page de la borne est fermée',
  'boot.closed.body':
    'Le lien qui ouvre la borne a déjà servi ou n’est plus valable. Merci de prévenir l’assistance informatique, qui rouvrira la borne.',

  'common.back': 'Retour',
  'common.continue': 'Continuer',
  'common.finish': 'Terminer',
  'common.busy': 'Veuillez patienter…',
  // The one way out of a journey, on every journey screen (JourneyNav), and its question.
  'common.home': 'Accueil',
  'journeyNav.label': 'Démarche en cours',
  'leave.title': 'Revenir à l’accueil ?',
  'leave.body': 'Ce que vous avez saisi pour cette démarche sera effacé.',
  'leave.stay': 'Continuer la démarche',
  'leave.confirm': 'Effacer et revenir à l’accueil',
  'leave.switch.title': 'Quitter ce formulaire ?',
  'leave.switch.confirm': 'Effacer et y aller',
  'common.retry': 'Réessayer',

  'home.title': 'Que souhaitez-vous faire ?',
  'journey.findIdentifier.title': 'Trouver mon identifiant',
  'journey.findIdentifier.description': 'Avec votre numéro étudiant et votre date de naissance',
  'journey.activation.title': '1ère connexion',
  'journey.activation.description': 'Activer votre compte informatique',
  'journey.passwordChange.title': 'Changer mon mot de passe',
  'journey.passwordChange.description': 'Avec votre identifiant et votre mot de passe actuel',
  'journey.mail.title': 'Rediriger mes e-mails universitaires',
  'journey.mail.description': 'Recevoir vos e-mails universitaires sur une autre adresse',
  'journey.connectionProblem.title': 'Problème de connexion',
  'journey.connectionProblem.description': 'Identifiant ou mot de passe oublié, aide',

  'problem.intro': 'Que se passe-t-il ?',
  'problem.identifier.title': 'Identifiant oublié',
  'problem.identifier.description': 'Retrouvez-le avec votre numéro étudiant',
  'problem.password.title': 'Mot de passe oublié',
  'problem.password.description':
    'Recevez un code sur votre adresse personnelle et choisissez un nouveau mot de passe',
  // The help desk (components/HelpDesk.svelte), wherever the kiosk sends a student to it.
  'helpDesk.title': 'Où trouver de l’aide',
  'helpDesk.bring':
    'Un agent de l’assistance informatique peut vous aider : présentez-vous avec votre carte étudiante ou une pièce d’identité.',
  'helpDesk.online':
    'L’aide en ligne de l’ENT s’ouvre sur votre téléphone avec ce QR code, à cette adresse :',
  'helpDesk.qrAlt': 'QR code de l’aide en ligne {url}',

  'identify.title': 'Trouver mon identifiant',
  'identify.intro': 'Saisissez votre numéro étudiant et votre date de naissance.',
  'identify.studentNumber.label': 'Numéro étudiant',
  'identify.studentNumber.hint':
    '{length} chiffres, inscrits sur votre carte étudiante (ou passez la carte devant le lecteur)',
  'identify.birthDate.label': 'Date de naissance (jjmmaaaa)',
  'identify.birthDate.hint': 'Par exemple 14032001 pour le 14 mars 2001',
  'identify.submit': 'Continuer',
  'identify.busy': 'Recherche en cours…',

  'field.studentNumber.required': 'Saisissez votre numéro étudiant.',
  'field.studentNumber.digits_only': 'Le numéro étudiant ne contient que des chiffres.',
  'field.studentNumber.length': 'Le numéro étudiant doit contenir {length} chiffres.',
  'field.studentNumber.invalid': 'Vérifiez votre numéro étudiant.',
  'field.birthDate.required': 'Saisissez votre date de naissance.',
  'field.birthDate.date_format': 'Saisissez 8 chiffres : jour, mois puis année (jjmmaaaa).',
  'field.birthDate.date_invalid': 'Cette date n’existe pas. Vérifiez le jour et le mois.',
  'field.birthDate.date_future': 'La date de naissance ne peut pas être dans le futur.',
  'field.birthDate.date_too_old': 'Vérifiez l’année de naissance.',
  'field.code.required': 'Saisissez le code reçu par e-mail.',
  'field.identifier.required': 'Saisissez votre identifiant.',
  'field.password.required': 'Saisissez votre mot de passe.',
  'field.address.required': 'Saisissez l’adresse e-mail.',
  'field.address.email_format': 'Cette adresse e-mail n’est pas valide. Vérifiez-la.',
  'field.address.email_own_domain':
    'Choisissez une adresse extérieure à l’université : une adresse de l’université renverrait les e-mails vers elle-même.',
  'field.other.invalid': 'Vérifiez cette information.',

  'error.invalid_input': 'Certaines informations ne sont pas acceptées. Vérifiez votre saisie.',
  'error.identification_failed':
    'Nous ne trouvons pas d’étudiant avec ces informations. Vérifiez votre numéro étudiant et votre date de naissance.',
  'error.rate_limited':
    'Trop de tentatives. Patientez quelques minutes avant de réessayer, ou adressez-vous à l’assistance informatique.',
  'error.network':
    'Le service des comptes est injoignable pour le moment. Réessayez dans un instant ; l’assistance informatique peut aussi vous aider.',
  'error.timeout':
    'Le service des comptes met trop de temps à répondre. Réessayez dans un instant.',
  'error.unavailable':
    'Le service des comptes est momentanément indisponible. Réessayez plus tard ou adressez-vous à l’assistance informatique.',
  'error.auth':
    'Cette borne n’est pas autorisée à interroger le service des comptes. Merci de prévenir l’assistance informatique.',
  'error.not_found':
    'Nous n’avons pas trouvé cette information. L’assistance informatique peut vous aider.',
  'error.conflict': 'Cette démarche est déjà en cours. Réessayez dans un instant.',
  'error.server':
    'Le service des comptes a rencontré un problème. Réessayez dans un instant ; l’assistance informatique peut aussi vous aider.',
  'error.malformed_response':
    'Le service des comptes a donné une réponse inattendue. Réessayez ou adressez-vous à l’assistance informatique.',
  'error.internal':
    'Un problème inattendu est survenu sur la borne. Réessayez ou adressez-vous à l’assistance informatique.',
  'error.too_early': 'Il est encore trop tôt pour activer votre compte.',
  'error.too_early.from':
    'Il est encore trop tôt pour activer votre compte : ce sera possible {from}.',
  'error.code_invalid': 'Ce code n’est pas valide. Vérifiez-le, ou demandez un nouvel e-mail.',
  'error.code_expired':
    'Ce code a expiré. Demandez un nouvel e-mail : il contiendra un nouveau code.',
  'error.password_policy':
    'Ce mot de passe ne respecte pas toutes les règles : voyez la liste des règles.',
  'error.password_mismatch':
    'Les deux mots de passe sont différents. Saisissez deux fois le même mot de passe.',
  'error.invalid_credentials': 'Identifiant ou mot de passe incorrect.',
  'error.account_state':
    'L’état de votre compte ne permet pas cette démarche. L’assistance informatique peut vous aider.',
  'error.journey_expired':
    'Votre démarche a expiré. Revenez à l’accueil de la borne pour la recommencer.',
  'error.invalid_email': 'Cette adresse e-mail n’est pas acceptée. Vérifiez-la.',
  'error.not_available_offline':
    'Cette démarche n’est pas possible tant que le service des comptes est injoignable. Réessayez plus tard ou adressez-vous à l’assistance informatique.',
  'error.locked_out':
    'Trop d’essais : cette démarche est bloquée pour le moment. L’assistance informatique peut vous aider.',
  'error.email_cooldown':
    'Un e-mail vient d’être envoyé : vérifiez votre boîte. Chaque nouvel envoi annule le code du précédent, il faut donc attendre avant d’en demander un autre.',
  'error.already_pending':
    'Une démarche de ce compte attend déjà le retour du service des comptes : elle sera traitée à son retour. L’assistance informatique peut vous aider.',
  'error.retryIn': 'Réessayez dans {minutes} min.',
  'error.retryInSeconds': 'Réessayez dans {seconds} s.',
  'error.retryNow': 'Vous pouvez réessayer maintenant.',
  'error.staff_pin_invalid': 'Identifiant agent ou code PIN incorrect.',
  'error.staff_session_required':
    'Le mode agent n’est pas ouvert. Identifiez-vous avec votre identifiant et votre code PIN.',
  'error.staff_session_expired': 'Votre session agent est terminée. Identifiez-vous à nouveau.',
  'error.staff_forbidden': 'Votre rôle ne permet pas cette action. Demandez à un superviseur.',
  'error.staff_proof_refused':
    'Le service n’accepte plus cette action en attente au nom de l’agent. Refaites-la depuis une session agent.',

  'result.title': 'Bonjour {name}',
  'result.identifierLabel': 'IDENTIFIANT',
  'result.identifierHelp':
    'Avec cet identifiant et votre mot de passe, connectez-vous à l’ENT et à ses services.',
  'result.identifierHelpNotActivated':
    'Cet identifiant vous servira à vous connecter à l’ENT, une fois votre compte activé.',
  'result.takeAway': 'Emportez votre identifiant : scannez ce QR code avec votre téléphone.',
  'result.takeAwayText': 'Identifiant : {identifier}\nENT : {url}',
  'result.takeAwayAlt': 'QR code de votre identifiant {identifier} et de l’adresse de l’ENT {url}',
  'result.tooEarly':
    'Votre inscription vient d’être validée : vous pourrez activer votre compte {from}.',
  'result.left':
    'Vous avez quitté l’université : votre compte et ses services (ENT, messagerie, bibliothèque) restent accessibles jusqu’au {date}.',
  'result.locked':
    'Votre compte est verrouillé : adressez-vous à l’assistance informatique avec votre carte étudiante, un agent le débloquera.',
  'result.disabled':
    'Votre compte est désactivé : adressez-vous à l’assistance informatique avec votre carte étudiante, un agent regardera votre situation avec vous.',
  'result.account': 'Compte informatique : {status}',
  'result.enrollments': 'Vos inscriptions {year}',
  'result.noEnrollment': 'Aucune inscription trouvée pour l’année {year}.',
  'result.cacheNotice':
    'Réponse donnée par la copie locale de la borne : le service central est injoignable pour le moment. Ces informations peuvent dater de quelques jours.',
  // A counted text: `.one` and `.other`, chosen by I18n.count (Intl.PluralRules), never "(s)".
  'result.refusedNotice.one':
    'Une opération enregistrée pour vous par cette borne hors connexion n’a pas pu être appliquée. Adressez-vous à l’assistance informatique.',
  'result.refusedNotice.other':
    'Des opérations enregistrées pour vous par cette borne hors connexion n’ont pas pu être appliquées. Adressez-vous à l’assistance informatique.',
  'result.activateNow': 'Activer mon compte maintenant',
  'result.forgotPassword': 'J’ai oublié mon mot de passe',

  'account.not_activated': 'à activer (« 1ère connexion »)',
  'account.active': 'activé',
  'account.locked': 'verrouillé — l’assistance informatique peut vous aider',
  'account.disabled': 'désactivé — l’assistance informatique peut vous aider',

  // An instant with its preposition, as a sentence says it (lib/messages.ts, when()): French
  // contracts the preposition with a date ("jusqu’au 8 juillet"), so it goes with the instant.
  'when.at.today': 'à {time}',
  'when.at.tomorrow': 'demain à {time}',
  'when.at.yesterday': 'hier à {time}',
  'when.at.date': 'le {date} à {time}',
  'when.since.today': 'depuis {time}',
  'when.since.tomorrow': 'depuis demain, {time}',
  'when.since.yesterday': 'depuis hier, {time}',
  'when.since.date': 'depuis le {date} à {time}',
  'when.from.today': 'à partir de {time}',
  'when.from.tomorrow': 'à partir de demain, {time}',
  'when.from.yesterday': 'à partir d’hier, {time}',
  'when.from.date': 'à partir du {date} à {time}',
  'when.until.today': 'jusqu’à {time}',
  'when.until.tomorrow': 'jusqu’à demain, {time}',
  'when.until.yesterday': 'jusqu’à hier, {time}',
  'when.until.date': 'jusqu’au {date} à {time}',

  // Offline mode: the connectivity banner and the receipt of a request accepted offline.
  'connectivity.degraded':
    'Le service des comptes répond difficilement {since}. Vos démarches peuvent prendre un peu plus de temps.',
  'connectivity.offline':
    'Le service des comptes est injoignable {since}. Vous pouvez retrouver votre identifiant ; une activation, un changement de mot de passe ou une redirection des e-mails sera enregistré sur la borne et transmis dès son retour. Pour le reste, adressez-vous à l’assistance informatique.',
  'receipt.effect':
    'Votre demande prendra effet quelques minutes après le retour du service ; d’ici là, rien ne change pour votre compte. Présentez cette référence à l’assistance informatique si besoin.',
  'receipt.qrAlt': 'Code QR de la référence {reference}',
} as const;

export const fr = { ...general, ...frJourneys, ...frStaff, ...frConsole } as const;
