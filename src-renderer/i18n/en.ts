import { enConsole } from './en-console';
import { enJourneys } from './en-journeys';
import { enStaff } from './en-staff';
import type { fr } from './fr';

const general = {
  'app.name': 'Guichet',
  'header.switchLanguage': 'Français',
  'header.demo': 'Demo mode',
  'header.display': 'Display',
  'header.largeText': 'Larger text',
  'header.highContrast': 'High contrast',

  'boot.loading': 'The kiosk is starting…',
  'boot.failed.title': 'The kiosk is not responding',
  'boot.retry': 'Try again',
  'boot.closed.title': 'This kiosk page is closed',
  'boot.closed.body':
    'The link that opens the kiosk has already been used or is no longer valid. Please tell the help desk, who will open the kiosk again.',

  'common.back': 'Back',
  'common.continue': 'Continue',
  'common.finish': 'Finish',
  'common.busy': 'Please wait…',
  // The one way out of a journey, on every journey screen (JourneyNav), and its question.
  'common.home': 'Home',
  'journeyNav.label': 'Current task',
  'leave.title': 'Go back to the home screen?',
  'leave.body': 'What you typed for this task will be erased.',
  'leave.stay': 'Carry on',
  'leave.confirm': 'Erase and go home',
  'leave.switch.title': 'Leave this form?',
  'leave.switch.confirm': 'Erase and go there',
  'common.retry': 'Try again',

  'home.title': 'What would you like to do?',
  'journey.findIdentifier.title': 'Find my identifier',
  'journey.findIdentifier.description': 'With your student number and your date of birth',
  'journey.activation.title': 'First login',
  'journey.activation.description': 'Activate your computer account',
  'journey.passwordChange.title': 'Change my password',
  'journey.passwordChange.description': 'With your identifier and your current password',
  'journey.mail.title': 'Redirect my university e-mail',
  'journey.mail.description': 'Receive your university e-mail at another address',
  'journey.connectionProblem.title': 'Login problem',
  'journey.connectionProblem.description': 'Forgotten identifier or password, help',

  'problem.intro': 'What is the problem?',
  'problem.identifier.title': 'Forgotten identifier',
  'problem.identifier.description': 'Find it with your student number',
  'problem.password.title': 'Forgotten password',
  'problem.password.description':
    'Receive a code at your personal address and choose a new password',
  // The help desk (components/HelpDesk.svelte), wherever the kiosk sends a student to it.
  'helpDesk.title': 'Where to find help',
  'helpDesk.bring':
    'A help desk agent can help you: come with your student card or an identity document.',
  'helpDesk.online':
    "The online help of the ENT (the university's digital workspace) opens on your phone with this QR code, at this address:",
  'helpDesk.qrAlt': 'QR code of the online help {url}',

  'identify.title': 'Find my identifier',
  'identify.intro': 'Enter your student number and your date of birth.',
  'identify.studentNumber.label': 'Student number',
  'identify.studentNumber.hint':
    '{length} digits, printed on your student card (or hold the card in front of the reader)',
  'identify.birthDate.label': 'Date of birth (ddmmyyyy)',
  'identify.birthDate.hint': 'For example 14032001 for 14 March 2001',
  'identify.submit': 'Continue',
  'identify.busy': 'Searching…',

  'field.studentNumber.required': 'Enter your student number.',
  'field.studentNumber.digits_only': 'The student number contains digits only.',
  'field.studentNumber.length': 'The student number must have {length} digits.',
  'field.studentNumber.invalid': 'Check your student number.',
  'field.birthDate.required': 'Enter your date of birth.',
  'field.birthDate.date_format': 'Enter 8 digits: day, month then year (ddmmyyyy).',
  'field.birthDate.date_invalid': 'This date does not exist. Check the day and the month.',
  'field.birthDate.date_future': 'The date of birth cannot be in the future.',
  'field.birthDate.date_too_old': 'Check the year of birth.',
  'field.code.required': 'Enter the code you received by e-mail.',
  'field.identifier.required': 'Enter your identifier.',
  'field.password.required': 'Enter your password.',
  'field.address.required': 'Enter the e-mail address.',
  'field.address.email_format': 'This e-mail address is not valid. Please check it.',
  'field.address.email_own_domain':
    'Choose an address outside the university: a university address would send the e-mail back to itself.',
  'field.other.invalid': 'Check this information.',

  'error.invalid_input': 'Some information was not accepted. Please check what you entered.',
  'error.identification_failed':
    'We cannot find a student with this information. Check your student number and your date of birth.',
  'error.rate_limited':
    'Too many attempts. Wait a few minutes before trying again, or ask the help desk.',
  'error.network':
    'The account service cannot be reached at the moment. Try again in a moment; the help desk can also help you.',
  'error.timeout': 'The account service is taking too long to answer. Try again in a moment.',
  'error.unavailable':
    'The account service is temporarily unavailable. Try again later or ask the help desk.',
  'error.auth':
    'This kiosk is not allowed to contact the account service. Please tell the help desk.',
  'error.not_found': 'We could not find this information. The help desk can help you.',
  'error.conflict': 'This request is already in progress. Try again in a moment.',
  'error.server':
    'The account service ran into a problem. Try again in a moment; the help desk can also help you.',
  'error.malformed_response':
    'The account service gave an unexpected answer. Try again or ask the help desk.',
  'error.internal': 'Something unexpected happened on the kiosk. Try again or ask the help desk.',
  'error.too_early': 'It is still too early to activate your account.',
  'error.too_early.from':
    'It is still too early to activate your account: it will be possible {from}.',
  'error.code_invalid': 'This code is not valid. Check it, or ask for a new e-mail.',
  'error.code_expired': 'This code has expired. Ask for a new e-mail: it will contain a new code.',
  'error.password_policy': 'This password does not follow every rule: see the list of rules.',
  'error.password_mismatch': 'The two passwords are different. Enter the same password twice.',
  'error.invalid_credentials': 'Wrong identifier or password.',
  'error.account_state':
    'The state of your account does not allow this. The help desk can help you.',
  'error.journey_expired': 'Your session has expired. Go back to the start to begin again.',
  'error.invalid_email': 'This e-mail address is not accepted. Please check it.',
  'error.not_available_offline':
    'This is not possible while the account service cannot be reached. Try again later or ask the help desk.',
  'error.locked_out':
    'Too many attempts: this is blocked for the moment. The help desk can help you.',
  'error.email_cooldown':
    'An e-mail has just been sent: check your mailbox. Each new e-mail cancels the code of the previous one, so please wait before asking for another.',
  'error.already_pending':
    'A request for this account is already waiting for the account service: it will be processed when the service is back. The help desk can help you.',
  'error.retryIn': 'Try again in {minutes} min.',
  'error.retryInSeconds': 'Try again in {seconds} s.',
  'error.retryNow': 'You can try again now.',
  'error.staff_pin_invalid': 'Wrong staff identifier or PIN.',
  'error.staff_session_required': 'Staff mode is not open. Sign in with your identifier and PIN.',
  'error.staff_session_expired': 'Your staff session has ended. Sign in again.',
  'error.staff_forbidden': 'Your role does not allow this action. Ask a supervisor.',
  'error.staff_proof_refused':
    'The service no longer accepts this queued action in the agent’s name. Do it again from a staff session.',

  'result.title': 'Hello {name}',
  'result.identifierLabel': 'IDENTIFIER',
  'result.identifierHelp':
    "Use this identifier and your password to log in to the ENT (the university's digital workspace) and its services.",
  'result.identifierHelpNotActivated':
    "You will use this identifier to log in to the ENT (the university's digital workspace) once your account is activated.",
  'result.takeAway': 'Take your identifier with you: scan this QR code with your phone.',
  'result.takeAwayText': 'Identifier: {identifier}\nENT: {url}',
  'result.takeAwayAlt': 'QR code of your identifier {identifier} and of the ENT address {url}',
  'result.tooEarly':
    'Your enrolment has just been validated: you can activate your account {from}.',
  'result.left':
    'You have left the university: your account and its services (ENT, e-mail, library) stay available until {date}.',
  'result.locked':
    'Your account is locked: come to the help desk with your student card, an agent will unlock it.',
  'result.disabled':
    'Your account is disabled: come to the help desk with your student card, an agent will look into it with you.',
  'result.account': 'Computer account: {status}',
  'result.enrollments': 'Your enrolments {year}',
  'result.noEnrollment': 'No enrolment found for {year}.',
  'result.cacheNotice':
    "Answered from the kiosk's local copy: the central service cannot be reached at the moment. This information may be a few days old.",
  'result.refusedNotice.one':
    'An operation this kiosk saved for you while offline could not be applied. Please ask at the help desk.',
  'result.refusedNotice.other':
    'Operations this kiosk saved for you while offline could not be applied. Please ask at the help desk.',
  'result.activateNow': 'Activate my account now',
  'result.forgotPassword': 'I forgot my password',

  'account.not_activated': 'to be activated ("First login")',
  'account.active': 'active',
  'account.locked': 'locked — the help desk can help you',
  'account.disabled': 'disabled — the help desk can help you',

  // An instant with its preposition, as a sentence says it (lib/messages.ts, when()).
  'when.at.today': 'at {time}',
  'when.at.tomorrow': 'tomorrow at {time}',
  'when.at.yesterday': 'yesterday at {time}',
  'when.at.date': 'on {date} at {time}',
  'when.since.today': 'since {time}',
  'when.since.tomorrow': 'since tomorrow at {time}',
  'when.since.yesterday': 'since yesterday at {time}',
  'when.since.date': 'since {date} at {time}',
  'when.from.today': 'from {time}',
  'when.from.tomorrow': 'from tomorrow at {time}',
  'when.from.yesterday': 'from yesterday at {time}',
  'when.from.date': 'from {date} at {time}',
  'when.until.today': 'until {time}',
  'when.until.tomorrow': 'until tomorrow at {time}',
  'when.until.yesterday': 'until yesterday at {time}',
  'when.until.date': 'until {date} at {time}',

  // Offline mode: the connectivity banner and the receipt of a request accepted offline.
  'connectivity.degraded':
    'The account service has been slow to answer {since}. Your requests may take a little longer.',
  'connectivity.offline':
    'The account service has been unreachable {since}. You can still find your identifier; an activation, a password change or an e-mail redirection is saved on the kiosk and sent as soon as the service is back. For anything else, please ask the help desk.',
  'receipt.effect':
    'Your request takes effect a few minutes after the service is back; until then, nothing changes on your account. Show this reference at the help desk if needed.',
  'receipt.qrAlt': 'QR code of reference {reference}',
};

/** English catalog: `satisfies` makes a missing or extra key a compile error. */
export const en = { ...general, ...enJourneys, ...enStaff, ...enConsole } satisfies Record<
  keyof typeof fr,
  string
>;
