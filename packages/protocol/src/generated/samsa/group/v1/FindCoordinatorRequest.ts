// Original file: proto/samsa/v1/group.proto


export interface FindCoordinatorRequest {
  'groupIds'?: (string)[];
}

export interface FindCoordinatorRequest__Output {
  'groupIds': (string)[];
}
