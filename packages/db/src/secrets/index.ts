export { rotateSecretKey } from './rotate-secret-key';
export { decryptSecret, encryptSecret, last4, SecretKeyError } from './secret-box';
export { loadSecretKey, SECRET_KEY_ENV } from './secret-key';
