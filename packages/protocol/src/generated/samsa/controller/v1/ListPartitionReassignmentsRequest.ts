// Original file: proto/samsa/v1/controller.proto


export interface ListPartitionReassignmentsRequest {
}

export interface ListPartitionReassignmentsRequest__Output {
}
