def sample_nam(sample_names):
  sample_names=list(filter(lambda el:el[1].isupper() and el[1:].islower(),sample_names))
  return len(''.join(sample_names))
