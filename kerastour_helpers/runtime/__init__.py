"""What the reader is running on (versions, devices, GPU) and whether Keras can get its files (doctor)."""
