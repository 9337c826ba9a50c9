import { defineErrors } from '../../domain/errors.ts';

export const accessErrors = defineErrors({
  ROLE_NOT_FOUND: { status: 404, message: 'There is no role with that key.' },
  USER_NOT_FOUND: { status: 404, message: 'No account uses that email address.' },
  ASSIGNMENT_NOT_FOUND: { status: 404, message: 'That person does not hold that role here.' },
  TOKEN_NOT_FOUND: { status: 404, message: 'There is no such API token for this conference.' },
  PERMISSION_ESCALATION: {
    status: 403,
    message: 'You can only give permissions you hold yourself in this conference.',
  },
  PERMISSION_UNKNOWN: { status: 422, message: 'One of the permissions does not exist.' },
  GROUP_NOT_FOUND: { status: 404, message: 'There is no such group in this conference.' },
  GROUP_NAME_TAKEN: { status: 409, message: 'A group with that name already exists here.' },
});
