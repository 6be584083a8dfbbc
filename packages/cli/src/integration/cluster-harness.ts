/**
 * Real `samsa server` processes on loopback for integration tests. The launching logic lives
 * in `../local-cluster/local-cluster.ts` (shared with `samsa bench`); this keeps the name the
 * tests know.
 */
export { LocalCluster as ControllerCluster, SAMSA_BIN, type NodeHandle, type NodeRoles } from '../local-cluster/local-cluster';
