// From shared/seeds/001_944ae26e3e68cbe6.txt, lines 19–23, verbatim.
export default {
	async fetch(request, env) {
	  try {
    // parse the URL, read the subdomain
		let workerName = new URL(request.url).host.split('.')[0];
		let context_from_dispatcher = {
			'customer_name': workerName,
			'url': request.url,
		  }
		let userWorker = env.dispatcher.get(
		  workerName,
		  {},
		  {// outbound arguments. object name must match parameters in the binding
			outbound: {
			 params_object: context_from_dispatcher,
			   }
			 }
		);
		return await userWorker.fetch(request);
	  } catch (e) {
		if (e.message.startsWith('Worker not found')) {
		  // we tried to get a worker that doesn't exist in our dispatch namespace
		  return new Response('', { status: 404 });
		}
		 return new Response(e.message, { status: 500 });
	  }
	}
}
