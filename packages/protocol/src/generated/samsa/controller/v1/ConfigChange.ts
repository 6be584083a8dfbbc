// Original file: proto/samsa/v1/controller.proto


export interface ConfigChange {
  'key'?: (string);
  /**
   * Unset (has_value false) deletes the key.
   */
  'hasValue'?: (boolean);
  'value'?: (string);
}

export interface ConfigChange__Output {
  'key': (string);
  /**
   * Unset (has_value false) deletes the key.
   */
  'hasValue': (boolean);
  'value': (string);
}
