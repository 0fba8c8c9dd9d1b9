/** Where Slipway receives GitHub's deliveries, on `npm start` and on AWS (serverless.yml). */
export const WEBHOOK_PATH = "/api/github/webhooks";
