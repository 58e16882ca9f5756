// Seed 001's outbound worker exactly as printed, with the make_jwt_for_customer it expects defined before it runs.
import './seed-jwt.js';
export { default } from './seed001-outbound.js';
