{{ project_module('agreement') }}
