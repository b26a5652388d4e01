import type { fr } from './fr';

/** English catalog: `satisfies` makes a missing or extra key a compile error. */
export const en = {
  'app.name': 'Guichet',
  'header.switchLanguage': 'Français',
  'header.demo': 'Demo mode',

  'boot.loading': 'The kiosk is starting…',
  'boot.failed.title': 'The kiosk is not responding',
  'boot.retry': 'Try again',

  'home.title': 'What would you like to do?',
  'journey.findIdentifier.title': 'Find my username',
  'journey.findIdentifier.description': 'With your student number and your date of birth',
  'journey.activation.title': 'First login',
  'journey.activation.description': 'Activate your computer account',
  'journey.password.title': 'Password',
  'journey.password.description': 'Change your password, or choose a new one if you forgot it',
  'journey.mail.title': 'Forward my mail',
  'journey.mail.description': 'Receive your university mail at another address',
  'journey.connectionProblem.title': 'Login problem',
  'journey.connectionProblem.description': 'Start by finding your username',
  'journey.soon': 'Coming soon — the help desk can help you',

  'soon.body':
    'This service is not offered on this kiosk yet. Please ask at the help desk: a staff member will help you.',
  'common.backHome': 'Back to the start',

  'identify.title': 'Find my username',
  'identify.intro': 'Enter your student number and your date of birth.',
  'identify.studentNumber.label': 'Student number',
  'identify.studentNumber.hint': '{length} digits, printed on your student card',
  'identify.birthDate.label': 'Date of birth (ddmmyyyy)',
  'identify.birthDate.hint': 'For example 14032001 for 14 March 2001',
  'identify.submit': 'Continue',
  'identify.back': 'Back',
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

  'result.title': 'Hello {name}',
  'result.identifierLabel': 'USERNAME',
  'result.identifierHelp':
    'Use this username and your password to log in to the ENT (student portal) and its services.',
  'result.account': 'Computer account: {status}',
  'result.enrollments': 'Your enrolments {year}',
  'result.noEnrollment': 'No enrolment found for {year}.',
  'result.cacheNotice':
    "Answered from the kiosk's local copy: the central service cannot be reached at the moment. This information may be a few days old.",
  'result.done': 'Finish',

  'account.not_activated': 'to be activated ("First login")',
  'account.active': 'active',
  'account.locked': 'locked — the help desk can help you',
  'account.disabled': 'disabled — the help desk can help you',
} satisfies Record<keyof typeof fr, string>;
