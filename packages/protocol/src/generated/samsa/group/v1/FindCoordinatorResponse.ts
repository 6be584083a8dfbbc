// Original file: proto/samsa/v1/group.proto

import type { Coordinator as _samsa_group_v1_Coordinator, Coordinator__Output as _samsa_group_v1_Coordinator__Output } from '../../../samsa/group/v1/Coordinator';

export interface FindCoordinatorResponse {
  'coordinators'?: (_samsa_group_v1_Coordinator)[];
}

export interface FindCoordinatorResponse__Output {
  'coordinators': (_samsa_group_v1_Coordinator__Output)[];
}
