// The token maker seed 001's outbound worker calls but never defines, made a global the sample can see. Its tokens
// name the customer, so a test can tell whose they are.
globalThis.make_jwt_for_customer = function make_jwt_for_customer(name) {
  return `test-jwt-for-${name}`;
};
