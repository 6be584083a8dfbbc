/**
 * The `samsa.controller.v1.Controller` service of `proto/samsa/v1/controller.proto`, loaded
 * once per process by @samsa/protocol with the shared options (int64 as numbers). Its
 * constructor makes clients; its `.service` is what a controller passes to `addService`.
 */
export { controllerService } from '@samsa/protocol';
