// Original file: proto/samsa/v1/controller.proto


export interface ControllerInfo {
  'id'?: (number);
  'address'?: (string);
  'leader'?: (boolean);
}

export interface ControllerInfo__Output {
  'id': (number);
  'address': (string);
  'leader': (boolean);
}
