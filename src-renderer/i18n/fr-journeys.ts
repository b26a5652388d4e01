/** French texts of the journeys after identification: activation, passwords, mail, success. */
export const frJourneys = {
  'activation.hello': 'Bonjour {name}',
  'activation.code.provisional':
    'Le service des comptes est injoignable : ce code sera vérifié au retour de la connexion. S’il est faux, votre compte ne sera pas activé : revenez, ou adressez-vous à l’assistance informatique.',
  'activation.tooEarly.title': 'Encore un peu de patience',
  'activation.tooEarly.body':
    'Votre inscription vient d’être validée. Vous pourrez activer votre compte {from}.',
  'activation.ready.title': 'Activez votre compte',
  'activation.ready.body':
    'L’activation se fait avec le code de l’e-mail d’activation, envoyé à votre adresse personnelle.',
  'activation.email.validity':
    'Le lien et le code qu’il contient sont valables 24 heures. Un nouvel envoi annule le précédent.',
  'activation.email.none':
    'Nous ne connaissons pas d’adresse personnelle pour vous : un agent de l’assistance informatique peut activer votre compte après avoir vérifié votre identité.',
  'code.label': 'Code reçu par e-mail',
  'code.hint':
    'Saisissez le code, ou présentez le QR code de l’e-mail devant le lecteur de la borne.',
  // The code e-mailed in activation and forgotten password: one set of words for both.
  'code.title': 'Saisissez le code reçu',
  'code.email.to': 'Adresse personnelle : {address}',
  'code.email.send': 'Envoyer l’e-mail',
  'code.email.resend': 'Renvoyer l’e-mail',
  'code.enter': 'Saisir le code reçu',
  'code.sent': 'Un e-mail vous a été envoyé {at} : saisissez son code.',
  'code.sent.detail': 'Envoyé à {address}, son code est valable {until}.',
  // The code turned out wrong only with the new password (code-step.ts): nothing is lost.
  'code.refusedAtEnd':
    'Rien n’a été enregistré, mais le mot de passe que vous avez choisi reste saisi : vous n’aurez pas à le retaper.',
  'code.cancelled.title': 'Code annulé',
  'code.cancelled.body':
    'Trop de codes erronés ont été saisis : le code de cet e-mail a été annulé et ne fonctionnera plus. Demandez un nouvel e-mail : il contiendra un nouveau code.',
  'code.resend.title': 'Renvoyer l’e-mail ?',
  'code.resend.warning':
    'Un nouvel e-mail annule le code de celui déjà envoyé : seul le code du nouvel e-mail fonctionnera. Si le premier e-mail est arrivé, saisissez plutôt son code.',
  'code.resend.confirm': 'Oui, renvoyer l’e-mail',
  'code.resend.keep': 'Non, garder le code reçu',
  'error.code_cancelled':
    'Trop de codes erronés : ce code a été annulé. Demandez un nouvel e-mail : il contiendra un nouveau code.',
  'activation.active.title': 'Votre compte est déjà activé',
  'activation.active.body':
    'Connectez-vous à l’ENT avec votre identifiant et votre mot de passe. Mot de passe oublié ? Choisissez-en un nouveau ici.',
  'activation.locked.title': 'Votre compte est verrouillé',
  'activation.locked.body':
    'Adressez-vous à l’assistance informatique avec votre carte étudiante : un agent vérifiera votre identité et débloquera votre compte.',
  'activation.disabled.title': 'Votre compte est désactivé',
  'activation.disabled.body':
    'Adressez-vous à l’assistance informatique avec votre carte étudiante : un agent regardera votre situation avec vous.',
  'activation.noEnrollment.title': 'Aucune inscription cette année',
  'activation.noEnrollment.body':
    'Nous ne trouvons pas d’inscription validée pour {year}, or l’activation en demande une. Adressez-vous à l’assistance informatique ou à votre scolarité.',

  'charter.heading': 'Charte informatique',
  'charter.intro': 'Lisez la charte d’utilisation des moyens informatiques de l’université.',
  'charter.loading': 'Chargement de la charte…',
  'charter.accept': 'J’ai lu la charte informatique et je l’accepte',
  'charter.required':
    'Cochez la case pour accepter la charte : c’est nécessaire pour activer votre compte.',

  'password.choose.title': 'Choisissez votre mot de passe',
  'password.choose.intro':
    'Il est personnel : ne le communiquez à personne, pas même à l’assistance informatique.',
  'password.new.label': 'Nouveau mot de passe',
  'password.confirm.label': 'Confirmez le nouveau mot de passe',
  'password.show': 'Afficher les mots de passe',
  'password.recommended': 'Conseil : {length} caractères ou plus',
  'password.mismatch': 'Les deux mots de passe sont différents.',
  'password.confirm.missing':
    'Saisissez une seconde fois le nouveau mot de passe pour le confirmer.',
  'password.rules.heading': 'Votre mot de passe doit :',
  'password.rules.summary': '{passed} règles respectées sur {total}.',
  'password.rules.pending': '{passed} règles respectées sur {total}, vérification en cours.',
  'password.rules.allPassed': 'Toutes les règles sont respectées.',
  'rule.min_length': 'contenir au moins {min} caractères',
  'rule.letter': 'contenir au moins une lettre',
  'rule.digit': 'contenir au moins un chiffre',
  'rule.mix':
    'mélanger au moins {count} types : minuscules, majuscules, chiffres, caractères spéciaux',
  'rule.forbidden_characters': 'ne contenir aucun de ces caractères : {chars}',
  'rule.not_dictionary_word': 'ne pas être un mot du dictionnaire',
  'rule.not_personal_data':
    'ne contenir ni votre identifiant, ni votre nom, ni votre date de naissance',
  'rule.passed': 'respectée',
  'rule.failed': 'non respectée',
  'rule.pending': 'vérification en cours',
  'strength.label': 'Robustesse : {level}',
  'strength.pending': 'Robustesse : calcul en cours…',
  'strength.0': 'très faible',
  'strength.1': 'faible',
  'strength.2': 'moyenne',
  'strength.3': 'bonne',
  'strength.4': 'excellente',
  'strength.tip':
    'Astuce : une phrase de plusieurs mots, avec un chiffre et un signe, se retient bien et se devine mal.',
  'strength.tip.apostrophe':
    'L’apostrophe est interdite : remplacez-la par une espace ou un tiret (« J-aime-l-été-2031 »).',
  'strength.breaksRule': 'Robustesse : insuffisante, une règle n’est pas respectée.',
  'activation.submit': 'Activer mon compte',

  'reset.title': 'Mot de passe oublié',
  'reset.ready.title': 'Choisissez un nouveau mot de passe',
  'reset.send.intro':
    'Nous allons vous envoyer un e-mail avec un code : saisissez-le ici, puis choisissez votre nouveau mot de passe.',
  'reset.email.validity': 'Son code est valable peu de temps. Un nouvel envoi annule le précédent.',
  'reset.noEmail.title': 'Pas d’adresse personnelle',
  'reset.noEmail':
    'Nous ne connaissons pas d’adresse personnelle pour vous : un agent de l’assistance informatique peut vous aider après avoir vérifié votre identité.',
  'reset.notActive.title': 'Votre compte n’est pas encore activé',
  'reset.notActive': 'Commencez par la 1ère connexion : vous y choisirez votre mot de passe.',
  'reset.blocked': 'Votre compte est {status}.',
  'reset.granted':
    'Un agent a vérifié votre identité : choisissez votre nouveau mot de passe. Vous seul le connaîtrez.',
  'reset.blocked.body':
    'Adressez-vous à l’assistance informatique avec votre carte étudiante : un agent regardera votre situation avec vous.',
  'reset.submit': 'Enregistrer le mot de passe',
  // The API judges a reset code with the new password only: the student knows it beforehand.
  'reset.codeCheckedLater':
    'Le code reçu sera vérifié quand vous enregistrerez le mot de passe : s’il est faux, vous pourrez le corriger sans retaper le mot de passe.',

  'change.intro': 'Saisissez votre identifiant, votre mot de passe actuel, puis le nouveau.',
  'login.identifier.label': 'Identifiant',
  'login.identifier.hint': 'Celui de l’ENT, par exemple « jdupont »',
  'login.password.label': 'Mot de passe',
  'login.password.show': 'Afficher le mot de passe',
  // Under both login forms (mail, password change): the journeys that get a student unstuck.
  'login.help': 'Vous ne pouvez pas vous connecter ?',
  'login.forgotPassword': 'Mot de passe oublié ?',
  'login.forgotIdentifier': 'Identifiant oublié ?',
  'change.current.label': 'Mot de passe actuel',
  'change.submit': 'Changer le mot de passe',

  'mail.login.intro': 'Connectez-vous avec votre identifiant et votre mot de passe.',
  'mail.login.submit': 'Se connecter',
  'mail.current.none': 'Vos e-mails universitaires arrivent dans votre boîte de l’université.',
  'mail.current.to': 'Vos e-mails universitaires sont redirigés vers {address}.',
  'mail.choice.legend': 'Où voulez-vous recevoir vos e-mails universitaires ?',
  'mail.choice.keep': 'Dans ma boîte de l’université seulement',
  'mail.choice.redirect': 'Les rediriger vers une autre adresse',
  'mail.address.label': 'Adresse e-mail extérieure',
  'mail.address.hint': 'Par exemple prenom.nom@example.org',
  'mail.keepCopy': 'Garder aussi une copie dans ma boîte de l’université',
  'mail.save': 'Enregistrer',
  // A new address is shown back before it is saved: one typo would send all mail away.
  'mail.confirm.title': 'Vérifiez la nouvelle adresse',
  'mail.confirm.intro': 'Vos e-mails universitaires seront redirigés vers :',
  'mail.confirm.check':
    'Une seule lettre fausse, et vos e-mails partent chez quelqu’un d’autre : vérifiez chaque caractère.',
  'mail.confirm.copy': 'Une copie restera dans votre boîte de l’université.',
  'mail.confirm.noCopy': 'Aucune copie ne restera dans votre boîte de l’université.',
  'mail.confirm.submit': 'L’adresse est juste : enregistrer',
  'mail.offline.current':
    'Le service des comptes est injoignable : votre réglage actuel ne peut pas être affiché.',
  'mail.offline.effect':
    'Votre choix est enregistré sur la borne et prendra effet au retour de la connexion, si votre mot de passe est le bon. Sinon, rien ne change : revenez, ou adressez-vous à l’assistance informatique.',

  'done.activation.title': 'Votre compte est activé',
  'done.reset.title': 'Votre nouveau mot de passe est enregistré',
  'done.change.title': 'Votre mot de passe a été changé',
  'done.mail.title': 'Votre choix est enregistré',
  'done.mail.to': 'Vos e-mails universitaires sont redirigés vers {address}.',
  'done.mail.copy': 'Une copie reste dans votre boîte de l’université.',
  'done.mail.noCopy': 'Aucune copie n’est gardée dans votre boîte de l’université.',
  'done.mail.none': 'Vos e-mails universitaires arrivent dans votre boîte de l’université.',
  'done.mail.queuedTo':
    'Au retour de la connexion, et si votre mot de passe est le bon, vos e-mails universitaires seront redirigés vers {address}.',
  'done.mail.queuedNone':
    'Au retour de la connexion, et si votre mot de passe est le bon, vos e-mails universitaires arriveront dans votre boîte de l’université.',
  'done.ent.heading': 'Votre ENT',
  'done.ent.body':
    'Connectez-vous à l’ENT avec votre identifiant et votre mot de passe, à cette adresse :',
  'done.ent.qr': 'Scannez ce QR code avec votre téléphone pour ouvrir l’ENT.',
  'done.ent.qrAlt': 'QR code de l’adresse {url}',
  'done.access.until':
    'Votre compte et ses services (ENT, messagerie, bibliothèque) restent accessibles jusqu’au {date}.',
  'done.receipt.title': 'Demande enregistrée sur la borne',
  'done.receipt.body':
    'Le service des comptes est injoignable : votre demande sera transmise dès son retour. Notez sa référence : {reference}.',
  'done.wipe': 'En touchant « Terminer », vos informations sont effacées de l’écran.',

  'idle.title': 'Êtes-vous toujours là ?',
  'idle.body':
    'Sans réponse, la borne efface vos informations et revient à l’accueil dans {seconds} s.',
  'idle.stay': 'Je suis là',
  'idle.leave': 'Terminer',

  'osk.label': 'Clavier à l’écran',
  'osk.shift': 'Majuscules',
  'osk.symbols': 'Symboles',
  'osk.letters': 'Lettres',
  'osk.space': 'Espace',
  'osk.backspace': 'Effacer',
  'osk.clear': 'Tout effacer',
  'osk.enter': 'Valider',
  'osk.hide': 'Masquer le clavier',
  'osk.show': 'Afficher le clavier',
  'layout.more': 'Suite plus bas : faites défiler',
  'osk.forbidden': 'Touches grisées : caractères interdits dans un mot de passe.',
} as const;
