export { credentialStateStore } from './credential-state-store';
