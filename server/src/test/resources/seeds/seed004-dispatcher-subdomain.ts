// From shared/seeds/004_e29acd208fa96759.txt, lines 39–56, verbatim.
export default {
  async fetch(request: Request, env: Env) {
    const url = new URL(request.url);

    // Route by subdomain: customer1.example.com -> customer1
    const workerName = url.hostname.split('.')[0];

    try {
      const userWorker = env.DISPATCHER.get(workerName);
      return await userWorker.fetch(request);
    } catch (e) {
      if (e.message.startsWith('Worker not found')) {
        return new Response('Not found', { status: 404 });
      }
      return new Response(e.message, { status: 500 });
    }
  }
};
