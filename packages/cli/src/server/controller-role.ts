import { type ControllerServer, type ControllerServerOptions, startControllerServer } from '@samsa/controller';

export type { ControllerServer, ControllerServerOptions };
export type StartControllerServer = (options: ControllerServerOptions) => Promise<ControllerServer>;

/** The controller role: the metadata quorum member and its gRPC API. */
export const startControllerRole: StartControllerServer = startControllerServer;
