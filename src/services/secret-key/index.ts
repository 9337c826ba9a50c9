export { rotateSecretKey, type RotationReport } from './rotate-secret-key.ts';
