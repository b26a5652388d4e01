import type { frJourneys } from './fr-journeys';

/** English texts of the journeys after identification: activation, passwords, mail, success. */
export const enJourneys = {
  'activation.hello': 'Hello {name}',
  'activation.code.provisional':
    'The account service cannot be reached: we will check this code when the connection returns. If it is wrong, your account will not be activated: come back, or ask at the help desk.',
  'activation.tooEarly.title': 'Just a little patience',
  'activation.tooEarly.body':
    'Your enrolment has just been validated. You can activate your account {from}.',
  'activation.ready.title': 'Activate your account',
  'activation.ready.body':
    'Activation uses the code from the activation e-mail, sent to your personal address.',
  'activation.email.validity':
    'The link and the code it contains are valid for 24 hours. Sending a new one cancels the previous one.',
  'activation.email.none':
    'We do not know a personal address for you: a help-desk staff member can activate your account after checking your identity.',
  'code.label': 'Code received by e-mail',
  'code.hint': "Type the code, or hold the e-mail's QR code in front of the kiosk's reader.",
  // The code e-mailed in activation and forgotten password: one set of words for both.
  'code.title': 'Enter the code you received',
  'code.email.to': 'Personal address: {address}',
  'code.email.send': 'Send the e-mail',
  'code.email.resend': 'Send the e-mail again',
  'code.enter': 'Enter the code received',
  'code.sent': 'An e-mail was sent to you {at}: enter its code.',
  'code.sent.detail': 'Sent to {address}, its code is valid {until}.',
  // The code turned out wrong only with the new password (code-step.ts): nothing is lost.
  'code.refusedAtEnd':
    'Nothing was saved, but the password you chose is still filled in: you will not have to type it again.',
  'code.cancelled.title': 'Code cancelled',
  'code.cancelled.body':
    "Too many wrong codes were entered: this e-mail's code has been cancelled and will no longer work. Ask for a new e-mail: it will contain a new code.",
  'code.resend.title': 'Send the e-mail again?',
  'code.resend.warning':
    'A new e-mail cancels the code of the one already sent: only the code in the new e-mail will work. If the first e-mail has arrived, enter its code instead.',
  'code.resend.confirm': 'Yes, send the e-mail again',
  'code.resend.keep': 'No, keep the code I received',
  'error.code_cancelled':
    'Too many wrong codes: this code has been cancelled. Ask for a new e-mail: it will contain a new code.',
  'activation.active.title': 'Your account is already active',
  'activation.active.body':
    'Log in to the ENT with your identifier and your password. Forgot your password? Choose a new one here.',
  'activation.locked.title': 'Your account is locked',
  'activation.locked.body':
    'Come to the help desk with your student card: a staff member will check your identity and unlock your account.',
  'activation.disabled.title': 'Your account is disabled',
  'activation.disabled.body':
    'Come to the help desk with your student card: a staff member will look into it with you.',
  'activation.noEnrollment.title': 'No enrolment this year',
  'activation.noEnrollment.body':
    'We cannot find a validated enrolment for {year}, and activation needs one. Please ask the help desk or your faculty office.',

  'charter.heading': 'IT charter',
  'charter.intro': "Read the charter for using the university's IT resources.",
  'charter.loading': 'Loading the charter…',
  'charter.accept': 'I have read the IT charter and I accept it',
  'charter.required': 'Tick the box to accept the charter: it is needed to activate your account.',

  'password.choose.title': 'Choose your password',
  'password.choose.intro': 'It is personal: never share it with anyone, not even the help desk.',
  'password.new.label': 'New password',
  'password.confirm.label': 'Confirm the new password',
  'password.show': 'Show the passwords',
  'password.recommended': 'Tip: {length} characters or more',
  'password.mismatch': 'The two passwords are different.',
  'password.confirm.missing': 'Type the new password a second time to confirm it.',
  'password.rules.heading': 'Your password must:',
  'password.rules.summary': '{passed} of {total} rules met.',
  'password.rules.pending': '{passed} of {total} rules met, still checking.',
  'password.rules.allPassed': 'Every rule is met.',
  'rule.min_length': 'have at least {min} characters',
  'rule.letter': 'contain at least one letter',
  'rule.digit': 'contain at least one digit',
  'rule.mix': 'mix at least {count} kinds: lower case, upper case, digits, special characters',
  'rule.forbidden_characters': 'contain none of these characters: {chars}',
  'rule.not_dictionary_word': 'not be a dictionary word',
  'rule.not_personal_data': 'contain neither your identifier, nor your name, nor your birth date',
  'rule.passed': 'met',
  'rule.failed': 'not met',
  'rule.pending': 'checking',
  'strength.label': 'Strength: {level}',
  'strength.pending': 'Strength: being computed…',
  'strength.0': 'very weak',
  'strength.1': 'weak',
  'strength.2': 'fair',
  'strength.3': 'good',
  'strength.4': 'excellent',
  'strength.tip':
    'Tip: a sentence of several words, with a digit and a sign, is easy to remember and hard to guess.',
  'strength.tip.apostrophe':
    'The apostrophe is not allowed: use a space or a hyphen instead (“Dont-Stop-Me-2031”).',
  'strength.breaksRule': 'Strength: not enough, a rule is not met.',
  'activation.submit': 'Activate my account',

  'reset.title': 'Forgotten password',
  'reset.ready.title': 'Choose a new password',
  'reset.send.intro':
    'We will send you an e-mail with a code: enter it here, then choose your new password.',
  'reset.email.validity':
    'Its code is valid for a short time. A new e-mail cancels the previous one.',
  'reset.noEmail.title': 'No personal address',
  'reset.noEmail':
    'We do not know a personal address for you: a help-desk staff member can help you after checking your identity.',
  'reset.notActive.title': 'Your account is not activated yet',
  'reset.notActive': 'Start with "First login": you will choose your password there.',
  'reset.blocked': 'Your account is {status}.',
  'reset.blocked.body':
    'Go to the help desk with your student card: a staff member will look into it with you.',
  'reset.granted':
    'A staff member checked your identity: choose your new password. Only you will know it.',
  'reset.submit': 'Save the password',
  // The API judges a reset code with the new password only: the student knows it beforehand.
  'reset.codeCheckedLater':
    'The code you received is checked when you save the password: if it is wrong, you can correct it without typing the password again.',

  'change.intro': 'Enter your identifier, your current password, then the new one.',
  'login.identifier.label': 'Identifier',
  'login.identifier.hint':
    'The one you use for the ENT (the university\'s digital workspace), for example "jdupont"',
  'login.password.label': 'Password',
  'login.password.show': 'Show the password',
  // Under both login forms (mail, password change): the journeys that get a student unstuck.
  'login.help': 'Cannot log in?',
  'login.forgotPassword': 'Forgot your password?',
  'login.forgotIdentifier': 'Forgot your identifier?',
  'change.current.label': 'Current password',
  'change.submit': 'Change the password',

  'mail.login.intro': 'Log in with your identifier and your password.',
  'mail.login.submit': 'Log in',
  'mail.current.none': 'Your university e-mail arrives in your university mailbox.',
  'mail.current.to': 'Your university e-mail is redirected to {address}.',
  'mail.choice.legend': 'Where do you want to receive your university e-mail?',
  'mail.choice.keep': 'In my university mailbox only',
  'mail.choice.redirect': 'Redirect it to another address',
  'mail.address.label': 'External e-mail address',
  'mail.address.hint': 'For example firstname.lastname@example.org',
  'mail.keepCopy': 'Also keep a copy in my university mailbox',
  'mail.save': 'Save',
  // A new address is shown back before it is saved: one typo would send all mail away.
  'mail.confirm.title': 'Check the new address',
  'mail.confirm.intro': 'Your university e-mail will be redirected to:',
  'mail.confirm.check':
    'A single wrong letter sends your e-mail to someone else: check every character.',
  'mail.confirm.copy': 'A copy will stay in your university mailbox.',
  'mail.confirm.noCopy': 'No copy will stay in your university mailbox.',
  'mail.confirm.submit': 'The address is right: save',
  'mail.offline.current':
    'The account service cannot be reached: your current setting cannot be shown.',
  'mail.offline.effect':
    'Your choice is saved on the kiosk and takes effect once the connection returns, provided your password is right. If it is not, nothing changes: come back, or ask at the help desk.',

  'done.activation.title': 'Your account is active',
  'done.reset.title': 'Your new password is saved',
  'done.change.title': 'Your password has been changed',
  'done.mail.title': 'Your choice is saved',
  'done.mail.to': 'Your university e-mail is redirected to {address}.',
  'done.mail.copy': 'A copy stays in your university mailbox.',
  'done.mail.noCopy': 'No copy is kept in your university mailbox.',
  'done.mail.none': 'Your university e-mail arrives in your university mailbox.',
  'done.mail.queuedTo':
    'Once the connection returns, and if your password is right, your university e-mail will be redirected to {address}.',
  'done.mail.queuedNone':
    'Once the connection returns, and if your password is right, your university e-mail will arrive in your university mailbox.',
  'done.ent.heading': 'Your ENT',
  'done.ent.body': 'Log in to the ENT with your identifier and your password, at this address:',
  'done.ent.qr': 'Scan this QR code with your phone to open the ENT.',
  'done.ent.qrAlt': 'QR code of the address {url}',
  'done.access.until':
    'Your account and its services (ENT, e-mail, library) stay available until {date}.',
  'done.receipt.title': 'Request saved on the kiosk',
  'done.receipt.body':
    'The account service cannot be reached: your request will be sent as soon as it is back. Note its reference: {reference}.',
  'done.wipe': 'When you touch "Finish", your information is erased from the screen.',

  'idle.title': 'Are you still there?',
  'idle.body':
    'Without an answer, the kiosk erases your information and goes back to the start in {seconds} s.',
  'idle.stay': "I'm still here",
  'idle.leave': 'Finish',

  'osk.label': 'On-screen keyboard',
  'osk.shift': 'Shift',
  'osk.symbols': 'Symbols',
  'osk.letters': 'Letters',
  'osk.space': 'Space',
  'osk.backspace': 'Delete',
  'osk.clear': 'Clear all',
  'osk.enter': 'Enter',
  'osk.hide': 'Hide keyboard',
  'osk.show': 'Show keyboard',
  'layout.more': 'More below: scroll down',
  'osk.forbidden': 'Greyed keys: characters not allowed in a password.',
} satisfies Record<keyof typeof frJourneys, string>;
