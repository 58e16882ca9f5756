// From shared/seeds/004_e29acd208fa96759.txt, lines 90–94, verbatim.
// example.com/customer-1/... -> customer-1 worker
const pathParts = url.pathname.split('/').filter(Boolean);
const workerName = pathParts[0];
const userWorker = env.DISPATCHER.get(workerName);
return await userWorker.fetch(request);
